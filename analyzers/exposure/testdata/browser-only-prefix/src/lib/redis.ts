import { Redis } from "@upstash/redis";

// VITE_ variables exist only in browser bundles: unless only server code imports this module, the token is public.
export const redis = new Redis({ url: import.meta.env.VITE_UPSTASH_REDIS_REST_URL, token: import.meta.env.VITE_UPSTASH_REDIS_REST_TOKEN }); // want "UPS202"
