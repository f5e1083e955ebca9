import { Redis } from "@upstash/redis/cloudflare";

export default {
  async fetch(request: Request, env: Env): Promise<Response> { // want "UPS401"
    const redis = Redis.fromEnv(env); // want "UPS501"
    const flags = await redis.hgetall("flags");
    return Response.json(flags);
  },
};
