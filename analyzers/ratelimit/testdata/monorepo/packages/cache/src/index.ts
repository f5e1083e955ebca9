import { Redis } from "@upstash/redis";

export const redis = Redis.fromEnv();

export async function cached<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {
  const hit = await redis.get<T>(key);
  if (hit !== null) return hit;
  const value = await load();
  await redis.set(key, value, { ex: ttl });
  return value;
}
