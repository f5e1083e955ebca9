import { redis } from "./redis";

export default {
  async fetch(request: Request, env: { LIMITER: { limit(o: { key: string }): Promise<{ success: boolean }> } }) {
    const { success } = await env.LIMITER.limit({ key: request.headers.get("cf-connecting-ip") ?? "" });
    if (!success) {
      return new Response("Too many requests", { status: 429 });
    }
    return Response.json(await redis.incr("visits"));
  },
};
