import { Redis } from "@upstash/redis";
import { Ratelimit } from "@upstash/ratelimit";

export const redis = Redis.fromEnv();
export const limiter = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(30, "60 s") });
