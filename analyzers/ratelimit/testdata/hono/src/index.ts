import { Hono } from "hono";
import { ratelimit, redis } from "./redis";
import admin from "./admin";

const app = new Hono();

// Limits every /api/* route registered after it.
app.use("/api/*", async (c, next) => {
  const ip = c.req.header("cf-connecting-ip") ?? "anonymous";
  const { success } = await ratelimit.limit(ip);
  if (!success) {
    return c.text("Too many requests", 429);
  }
  await next();
});

app.get("/api/data/:key", async (c) => c.json(await redis.get(c.req.param("key"))));

app.get("/feed", async (c) => c.json(await redis.lrange("feed", 0, 20)));

app.get("/", (c) => c.text("hello"));

app.route("/admin", admin);

export default app;
