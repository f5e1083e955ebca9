import { withAnyLimit } from "@/lib/wrappers";
import { redis } from "@/lib/upstash";

export const POST = withAnyLimit(async () => {
  await redis.incr("likes");
  return new Response("ok");
});
