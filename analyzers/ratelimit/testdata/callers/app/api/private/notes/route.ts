import { redis } from "@/lib/redis";

// signed-in: next-auth middleware's matcher covers /api/private.
export async function GET() {
  return Response.json(await redis.lrange("notes", 0, 10));
}
