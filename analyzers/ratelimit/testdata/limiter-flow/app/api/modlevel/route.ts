import { makeLimiter } from "@/lib/factory";
import { redis } from "@/lib/redis";

const limiter = makeLimiter(10, "10 s");

export async function POST(req: Request) {
  const ip = req.headers.get("x-real-ip") ?? "anonymous";
  const { success } = await limiter.limit(ip);
  if (!success) return new Response("slow down", { status: 429 });
  await redis.incr("hits");
  return new Response("ok");
}
