import { Redis } from "@upstash/redis/cloudflare";
import { Ratelimit } from "@upstash/ratelimit";
import { Receiver } from "@upstash/qstash";

export interface Env {
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
  QSTASH_CURRENT_SIGNING_KEY: string;
  QSTASH_NEXT_SIGNING_KEY: string;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const redis = Redis.fromEnv(env);
    const ratelimit = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(20, "1 m") });
    const { success, pending } = await ratelimit.limit(request.headers.get("cf-connecting-ip") ?? "anon");
    ctx.waitUntil(pending);
    if (!success) return new Response("slow down", { status: 429 });

    if (new URL(request.url).pathname === "/hook") {
      const receiver = new Receiver({
        currentSigningKey: env.QSTASH_CURRENT_SIGNING_KEY,
        nextSigningKey: env.QSTASH_NEXT_SIGNING_KEY,
      });
      const body = await request.text();
      const ok = await receiver.verify({ signature: request.headers.get("Upstash-Signature") ?? "", body });
      if (!ok) return new Response("bad signature", { status: 401 });
      await redis.lpush("events", body);
      return new Response("ok");
    }
    const count = await redis.incr("count");
    return new Response(String(count));
  },
};
