import { json } from "@sveltejs/kit";
import { redis } from "$lib/server/redis";

export async function GET() {
  return json({ views: await redis.get("views") });
}
