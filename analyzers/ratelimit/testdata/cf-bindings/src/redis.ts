import { Redis } from "@upstash/redis/cloudflare";

export const redis = new Redis({ url: "https://example.upstash.io", token: process.env.UPSTASH_REDIS_REST_TOKEN! });
