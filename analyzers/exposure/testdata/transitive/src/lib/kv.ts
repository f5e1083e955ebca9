import { Redis } from "@upstash/redis";

// Reported once, though the module is both reached from client code and reads a VITE_ variable.
export const kv = new Redis({ url: import.meta.env.VITE_UPSTASH_REDIS_REST_URL, token: import.meta.env.VITE_UPSTASH_REDIS_REST_TOKEN }); // want "UPS202"
