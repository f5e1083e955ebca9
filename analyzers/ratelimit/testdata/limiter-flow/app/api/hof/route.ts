import { withLimit } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

async function handler(req: Request) {
  await redis.set("last", Date.now());
  return new Response("ok");
}

export const POST = withLimit(handler);
