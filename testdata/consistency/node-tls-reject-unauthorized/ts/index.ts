import { Redis } from "@upstash/redis";

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // want "UPS302"

export const redis = Redis.fromEnv();
