import { withUserLimit } from "@/lib/wrappers";
import { redis } from "@/lib/upstash";

// UPS401: the limit is skipped for anonymous callers.
export const POST = withUserLimit(async (req) => {
  await redis.lpush("posts", await req.text());
  return new Response("ok");
});
