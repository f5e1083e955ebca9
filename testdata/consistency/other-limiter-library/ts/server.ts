import { Redis } from "@upstash/redis";
import express from "express";
import rateLimit from "express-rate-limit";

const redis = Redis.fromEnv();
const app = express();

app.use(rateLimit({ windowMs: 60_000, limit: 100 }));

app.post("/feed", async (_req, res) => {
  res.json(await redis.lpush("feed", String(_req.query.item)));
});

app.listen(3000);
