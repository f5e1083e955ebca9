import { fail } from "@sveltejs/kit";
import type { Actions } from "./$types";
import { ratelimit, redis } from "$lib/server/redis";

export const actions = {
  default: async ({ request, getClientAddress }) => {
    const { success } = await ratelimit.limit(getClientAddress());
    if (!success) return fail(429);
    const data = await request.formData();
    await redis.lpush("messages", String(data.get("message")));
  },
  subscribe: async ({ request }) => {
    const data = await request.formData();
    await redis.sadd("subscribers", String(data.get("email")));
  },
} satisfies Actions;
