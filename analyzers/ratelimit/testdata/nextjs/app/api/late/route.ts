import { ratelimit } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

export async function POST(request: Request) {
  const views = await redis.incr("views");
  const ip = request.headers.get("x-forwarded-for");
  const { success } = await ratelimit.limit(ip!);
  if (!success) {
    return new Response("Too many requests", { status: 429 });
  }
  return Response.json({ views });
}
