import { query, form, command, prerender } from "$app/server";
import { redis } from "./redis";

// Remote functions: each is an endpoint the browser calls.
export const getViews = query(async () => {
  return await redis.get<number>("views");
});

export const addLike = command(async (id: string) => {
  await redis.incr(`likes:${id}`);
});

export const subscribe = form(async (data: FormData) => {
  await redis.sadd("subscribers", String(data.get("email")));
});

// Runs at build time: not an endpoint.
export const getStats = prerender(async () => {
  return await redis.hgetall("stats");
});

// A plain helper of the module: not an endpoint.
export async function helper() {
  return await redis.get("x");
}
