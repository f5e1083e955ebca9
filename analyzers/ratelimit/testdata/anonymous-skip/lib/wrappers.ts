import { getServerSession } from "next-auth";
import { ratelimit } from "@/lib/upstash";

type Handler = (req: Request) => Promise<Response>;

// Limits signed-in callers only; anonymous callers run the handler unlimited.
export function withUserLimit(handler: Handler) {
  return async (req: Request) => {
    const session = await getServerSession();
    if (session?.user) {
      const { success } = await ratelimit.limit(session.user.id);
      if (!success) {
        return new Response("Too many requests", { status: 429 });
      }
    }
    return handler(req);
  };
}

// Rejects anonymous callers first: the limit runs for everyone who gets through.
export function withSignedInLimit(handler: Handler) {
  return async (req: Request) => {
    const session = await getServerSession();
    if (!session) {
      return new Response("Unauthorized", { status: 401 });
    }
    if (session.user) {
      const { success } = await ratelimit.limit(session.user.id);
      if (!success) {
        return new Response("Too many requests", { status: 429 });
      }
    }
    return handler(req);
  };
}

// Anonymous callers are limited by address instead.
export function withAnyLimit(handler: Handler) {
  return async (req: Request) => {
    const session = await getServerSession();
    if (session) {
      const { success } = await ratelimit.limit(session.user.id);
      if (!success) return new Response("Too many requests", { status: 429 });
    } else {
      const { success } = await ratelimit.limit(req.headers.get("x-real-ip") ?? "anon");
      if (!success) return new Response("Too many requests", { status: 429 });
    }
    return handler(req);
  };
}

// Anonymous callers are turned away in the else branch.
export function withKeyLimit(handler: Handler) {
  return async (req: Request) => {
    const apiKey = req.headers.get("x-api-key");
    if (apiKey) {
      const { success } = await ratelimit.limit(apiKey);
      if (!success) return new Response("Too many requests", { status: 429 });
    } else {
      return new Response("API key required", { status: 401 });
    }
    return handler(req);
  };
}
