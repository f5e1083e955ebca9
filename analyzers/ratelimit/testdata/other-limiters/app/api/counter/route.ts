import { redis } from "@/lib/redis";

export async function POST(req: Request) {
  const ip = req.headers.get("x-real-ip") ?? "anonymous";
  const key = `ratelimit:${ip}`;
  const count = await redis.incr(key);
  if (count === 1) {
    await redis.expire(key, 60);
  }
  if (count > 10) {
    return new Response("Too many requests", { status: 429 });
  }
  await redis.lpush("messages", await req.text());
  return new Response("ok");
}
