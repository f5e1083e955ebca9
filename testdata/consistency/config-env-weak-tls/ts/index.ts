import Redis from "ioredis";
import { config } from "./config";

export const a = new Redis(config.UPSTASH_REDIS_URL, { tls: { rejectUnauthorized: false } }); // want "UPS302"
export const b = new Redis(config.REDIS_URL, { tls: { rejectUnauthorized: false } });
export const c = new Redis(config.upstashUrl, { tls: { rejectUnauthorized: false } });
