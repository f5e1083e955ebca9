import { Hono } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import { redis } from "./redis";

type Env = { Bindings: { RATE_LIMITER: { limit(o: { key: string }): Promise<{ success: boolean }> } } };

const app = new Hono<Env>();

app.use("/api/*", rateLimiter({ windowMs: 60_000, limit: 100, keyGenerator: (c) => c.req.header("cf-connecting-ip") ?? "" }));

app.get("/api/feed", async (c) => c.json(await redis.lrange("feed", 0, 10)));

app.get("/search", async (c) => {
  const { success } = await c.env.RATE_LIMITER.limit({ key: c.req.header("cf-connecting-ip") ?? "" });
  if (!success) return c.text("slow down", 429);
  return c.json(await redis.get(c.req.query("q") ?? ""));
});

app.get("/unchecked", async (c) => {
  await c.env.RATE_LIMITER.limit({ key: c.req.header("cf-connecting-ip") ?? "" });
  return c.json(await redis.get("x"));
});

export default app;
