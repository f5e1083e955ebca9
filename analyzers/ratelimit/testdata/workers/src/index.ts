import { Redis } from "@upstash/redis/cloudflare";

export interface Env {
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
}

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    const redis = Redis.fromEnv(env);
    return new Response(String(await redis.incr("hits")));
  },
};
