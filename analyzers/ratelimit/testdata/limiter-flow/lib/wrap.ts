import type { Ratelimit } from "@upstash/ratelimit";

// The limiter arrives as a parameter: only its type is imported.
export function withLimiter(limiter: Ratelimit, handler: (req: Request) => Promise<Response>) {
  return async (req: Request) => {
    const { success } = await limiter.limit(req.headers.get("x-real-ip") ?? "anonymous");
    if (!success) return new Response("slow down", { status: 429 });
    return handler(req);
  };
}

// Counts the request but never rejects it.
export function withCount(limiter: Ratelimit, handler: (req: Request) => Promise<Response>) {
  return async (req: Request) => {
    await limiter.limit(req.headers.get("x-real-ip") ?? "anonymous");
    return handler(req);
  };
}
