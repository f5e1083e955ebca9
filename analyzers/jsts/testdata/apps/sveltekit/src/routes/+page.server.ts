import { redis } from "$lib/server/redis";

// Secure variant: server load.
export async function load() {
  return { views: await redis.incr("views") };
}
