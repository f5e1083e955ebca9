import { redis } from "./redis";

// A hand-rolled fixed window: the caller decides.
export async function underLimit(ip: string) {
  const key = `rl:${ip}`;
  const count = await redis.incr(key);
  if (count === 1) await redis.expire(key, 60);
  return count <= 20;
}
