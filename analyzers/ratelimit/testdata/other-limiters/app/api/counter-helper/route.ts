import { underLimit } from "@/lib/limit";
import { redis } from "@/lib/redis";

export async function POST(req: Request) {
  if (!(await underLimit(req.headers.get("x-real-ip") ?? "anonymous"))) {
    return new Response("slow down", { status: 429 });
  }
  await redis.lpush("events", "x");
  return new Response("ok");
}
