import { Hono } from "hono";
import { redis } from "./redis";

const admin = new Hono();

admin.post("/reset", async (c) => {
  await redis.flushdb();
  return c.text("reset");
});

export default admin;
