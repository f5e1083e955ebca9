import { withSignedInLimit } from "@/lib/wrappers";
import { redis } from "@/lib/upstash";

export const POST = withSignedInLimit(async (req) => {
  await redis.lpush("comments", await req.text());
  return new Response("ok");
});
