import { Redis } from "@upstash/redis";

// Under server/: a VITE_ variable read here does not prove it reaches a bundle,
// but its prefix inlines it into any client code that reads it: a lower severity.
export const redis = new Redis({ url: import.meta.env.VITE_UPSTASH_REDIS_REST_URL, token: import.meta.env.VITE_UPSTASH_REDIS_REST_TOKEN }); // want "UPS202"
