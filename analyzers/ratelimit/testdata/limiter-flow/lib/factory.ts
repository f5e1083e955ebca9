import { Ratelimit } from "@upstash/ratelimit";
import { redis } from "./redis";

// A factory that every caller calls once, at module level: one limiter
// per caller, built at import, not per request.
export const makeLimiter = (requests: number, window: `${number} s`) =>
  new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(requests, window) });

export const apiLimiter = makeLimiter(20, "10 s");
