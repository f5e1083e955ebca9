// Limited through the workspace package's limiter.
import { redis, ratelimit } from "@acme/cache";

export async function POST(req: Request) {
  const ip = req.headers.get("x-forwarded-for") ?? "anon";
  const { success } = await ratelimit.limit(ip);
  if (!success) return new Response("slow down", { status: 429 });
  await redis.incr("hits");
  return new Response("ok");
}
