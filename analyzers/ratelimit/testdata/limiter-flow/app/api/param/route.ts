import { limiters } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";
import { withLimiter } from "@/lib/wrap";

async function handler(req: Request) {
  return Response.json(await redis.get("feed"));
}

export const GET = withLimiter(limiters.api, handler);
