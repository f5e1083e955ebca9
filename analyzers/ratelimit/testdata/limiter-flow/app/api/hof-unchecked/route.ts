import { limiters } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";
import { withCount } from "@/lib/wrap";

export const POST = withCount(limiters.api, async (req: Request) => {
  await redis.lpush("events", await req.text());
  return new Response("ok");
});
