import { isAllowed } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

export async function POST(req: Request) {
  if (!(await isAllowed(req.headers.get("x-real-ip") ?? "anonymous"))) {
    return new Response("slow down", { status: 429 });
  }
  await redis.lpush("events", "x");
  return new Response("ok");
}
