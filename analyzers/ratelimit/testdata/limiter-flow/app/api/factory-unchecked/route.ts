import { getLimiter } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

export async function POST(req: Request) {
  const ip = req.headers.get("x-real-ip") ?? "anonymous";
  await getLimiter().limit(ip);
  await redis.incr("hits");
  return new Response("ok");
}
