import { ratelimit } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

export async function POST(request: Request) {
  const ip = request.headers.get("x-forwarded-for") ?? "127.0.0.1";
  const { success, remaining } = await ratelimit.limit(ip);
  const views = await redis.incr("views");
  return Response.json({ success, remaining, views });
}
