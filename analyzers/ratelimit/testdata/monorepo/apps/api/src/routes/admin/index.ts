import { Hono } from "hono";
import { redis } from "@acme/cache";

export const adminRoutes = new Hono();

adminRoutes.delete("/feed", async (c) => {
  await redis.del("feed");
  return c.body(null, 204);
});
