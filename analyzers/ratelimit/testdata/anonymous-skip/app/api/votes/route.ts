import { withKeyLimit } from "@/lib/wrappers";
import { redis } from "@/lib/upstash";

export const POST = withKeyLimit(async () => {
  await redis.incr("votes");
  return new Response("ok");
});
