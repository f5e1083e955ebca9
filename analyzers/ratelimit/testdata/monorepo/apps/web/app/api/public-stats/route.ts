import { cached } from "@acme/cache";
import { db } from "@/lib/db";

export async function GET() {
  const stats = await cached("stats", 60, () => db.stats());
  return Response.json(stats);
}
