import { ratelimit } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

export async function POST(req: Request) {
  const ip = req.headers.get("x-real-ip") ?? "anonymous";
  const { success } = await ratelimit(10, "10 s").limit(ip);
  if (!success) return new Response("slow down", { status: 429 });
  await redis.incr("hits");
  return new Response("ok");
}
