import { Redis } from "@upstash/redis";

// A read-only token under a public name: low, but still reported.
export const reader = new Redis({ url: process.env.NEXT_PUBLIC_KV_REST_API_URL!, token: process.env.NEXT_PUBLIC_KV_REST_API_READ_ONLY_TOKEN! }); // want "UPS202"
