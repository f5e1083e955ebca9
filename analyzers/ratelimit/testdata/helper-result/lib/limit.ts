import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
export const redis = Redis.fromEnv();
const rl = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(5, "10 s") });
export async function checkLimit(id: string) {
  const { success } = await rl.limit(id);
  return { success };
}
export async function isAllowed(id: string) {
  const r = await rl.limit(id);
  return r.success;
}
