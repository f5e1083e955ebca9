import { Ratelimit } from "@upstash/ratelimit";
import { redis } from "./redis";

// A factory: a new limiter per call.
export const ratelimit = (requests: number, window: `${number} s`) =>
  new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(requests, window) });

export function getLimiter() {
  return new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(5, "60 s") });
}

export const limiters = {
  api: new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(10, "10 s") }),
};

const limiter = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(10, "10 s") });

// Throws when over the limit.
export async function assertLimit(id: string) {
  const { success } = await limiter.limit(id);
  if (!success) {
    throw new Error("Too many requests");
  }
}

// Returns the flag: callers decide.
export async function isAllowed(id: string) {
  const { success } = await limiter.limit(id);
  return success;
}

// Returns the flag inside an object.
export async function checkLimit(id: string) {
  const { success, remaining } = await limiter.limit(id);
  return { success, remaining };
}

// A wrapper around a route handler.
export function withLimit(handler: (req: Request) => Promise<Response>) {
  return async (req: Request) => {
    const ip = req.headers.get("x-real-ip") ?? "anonymous";
    const { success } = await limiter.limit(ip);
    if (!success) return new Response("slow down", { status: 429 });
    return handler(req);
  };
}

export function withTeam(handler: (req: Request, team: string) => Promise<Response>) {
  return async (req: Request) => {
    const team = req.headers.get("x-team") ?? "none";
    const res = await limiter.limit(team);
    if (!res.success) return new Response("slow down", { status: 429 });
    return handler(req, team);
  };
}

// A lazy singleton: built once, kept at module level.
let cached: Ratelimit | undefined;
export function sharedLimiter() {
  if (!cached) {
    cached = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(20, "60 s") });
  }
  return cached;
}

const perPlan = new Map<string, Ratelimit>();
export function planLimiter(plan: string) {
  let l = perPlan.get(plan);
  if (!l) {
    l = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(plan === "pro" ? 100 : 10, "60 s") });
    perPlan.set(plan, l);
  }
  return l;
}
