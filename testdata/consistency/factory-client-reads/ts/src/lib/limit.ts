import { Ratelimit } from "@upstash/ratelimit";
import { getRedis } from "@/lib/redis";

export const ratelimit = new Ratelimit({
  redis: getRedis(),
  limiter: Ratelimit.slidingWindow(10, "10 s"),
});

export async function peek(key: string) {
  return getRedis().get(key);
}
