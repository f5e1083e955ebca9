import { ratelimit } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

export async function POST() {
  const { success } = await ratelimit.limit("global");
  if (!success) {
    return new Response("Too many requests", { status: 429 });
  }
  return Response.json({ views: await redis.incr("views") });
}
