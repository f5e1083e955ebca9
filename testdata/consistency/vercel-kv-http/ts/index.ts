import { Redis } from "@upstash/redis";

export const kv = new Redis({ url: "http://fake-otter-12345.kv.vercel-storage.com", token: process.env.KV_REST_API_TOKEN! }); // want "UPS301"
