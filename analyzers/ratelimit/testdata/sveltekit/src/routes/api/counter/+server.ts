import { json, error } from "@sveltejs/kit";
import type { RequestHandler } from "./$types";
import { ratelimit, redis } from "$lib/server/redis";

export const GET: RequestHandler = async () => json({ count: await redis.get("count") });

export const POST: RequestHandler = async ({ getClientAddress }) => {
  const { success } = await ratelimit.limit(getClientAddress());
  if (!success) error(429, "Too many requests");
  return json({ count: await redis.incr("count") });
};
