import { Hono } from "hono";
import { redis } from "@acme/cache";
import { ratelimit } from "@acme/ratelimit";

export const publicRoutes = new Hono();

const limiter = ratelimit(20, "1 m");

publicRoutes.get("/feed", async (c) => {
  const items = await redis.lrange("feed", 0, 20);
  return c.json(items);
});

publicRoutes.post("/subscribe", async (c) => {
  const ip = c.req.header("cf-connecting-ip") ?? "anonymous";
  const { success } = await limiter.limit(ip);
  if (!success) return c.text("Too many requests", 429);
  const { email } = await c.req.json();
  await redis.sadd("subscribers", email);
  return c.json({ ok: true });
});
