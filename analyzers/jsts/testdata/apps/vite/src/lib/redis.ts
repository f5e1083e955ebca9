import { Redis } from "@upstash/redis";

// Planted: Vite inlines VITE_ variables into the browser bundle (UPS202).
export const redis = new Redis({
  url: import.meta.env.VITE_UPSTASH_REDIS_REST_URL,
  token: import.meta.env.VITE_UPSTASH_REDIS_REST_TOKEN,
});
