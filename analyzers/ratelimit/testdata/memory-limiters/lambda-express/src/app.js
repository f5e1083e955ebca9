import express from "express";
import rateLimit from "express-rate-limit";
import { Redis } from "@upstash/redis";

export const app = express();
const redis = Redis.fromEnv();
app.use(rateLimit({ windowMs: 60_000, limit: 100 }));

app.get("/visits", async (req, res) => {
  res.json({ visits: await redis.incr("visits") });
});
