import { ratelimit } from "@/lib/ratelimit";

type Handler = (request: Request) => Promise<Response>;

// A higher-order function: the limit runs before the wrapped handler.
export function withRateLimit(handler: Handler): Handler {
  return async (request) => {
    const ip = request.headers.get("x-forwarded-for") ?? "127.0.0.1";
    const { success } = await ratelimit.limit(ip);
    if (!success) {
      return new Response("Too many requests", { status: 429 });
    }
    return handler(request);
  };
}
