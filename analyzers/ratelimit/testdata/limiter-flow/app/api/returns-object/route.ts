import { checkLimit } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

export async function POST(req: Request) {
  const { success } = await checkLimit(req.headers.get("x-real-ip") ?? "anonymous");
  if (!success) return new Response("slow down", { status: 429 });
  await redis.lpush("events", "x");
  return new Response("ok");
}
