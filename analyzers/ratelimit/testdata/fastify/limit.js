import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";

const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.tokenBucket(5, "10 s", 10) });

export async function limitHook(request, reply) {
  const { success } = await ratelimit.limit(request.ip);
  if (!success) {
    reply.code(429).send("Too many requests");
  }
}
