// Server code in a folder named public: a Hono router, not a static asset.
import { Hono } from "hono";
import { redis } from "@acme/cache";

export const feed = new Hono();

feed.get("/feed", async (c) => {
  return c.json(await redis.lrange("feed", 0, 20));
});
