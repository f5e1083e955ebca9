import { assertLimit } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

export async function POST(req: Request) {
  await assertLimit(req.headers.get("x-real-ip") ?? "anonymous");
  await redis.lpush("events", "x");
  return new Response("ok");
}
