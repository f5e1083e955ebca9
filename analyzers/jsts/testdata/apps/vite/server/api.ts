import { Redis } from "@upstash/redis";

// Secure variant: server code (an API next to the Vite app) with server-only names.
const redis = new Redis({
  url: process.env.UPSTASH_REDIS_REST_URL!,
  token: process.env.UPSTASH_REDIS_REST_TOKEN!,
});

export async function views() {
  return redis.get<number>("views");
}
