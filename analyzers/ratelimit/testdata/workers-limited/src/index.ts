import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis/cloudflare";

async function handle(request: Request, env: Record<string, string>): Promise<Response> {
  // Built on every request, without an ephemeral cache.
  const ratelimit = new Ratelimit({
    redis: Redis.fromEnv(env),
    limiter: Ratelimit.slidingWindow(10, "10 s"),
  });
  const { success } = await ratelimit.blockUntilReady(request.headers.get("cf-connecting-ip") ?? "anonymous", 2000);
  return new Response(success ? "ok" : "Too many requests", { status: success ? 200 : 429 });
}

export default { fetch: handle };
