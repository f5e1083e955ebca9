import { redis } from "@/lib/redis";

export async function GET() {
  return Response.json(await redis.get("data"));
}
