import { Redis } from "@upstash/redis";
import express from "express";

const redis = Redis.fromEnv();
const app = express();

app.post("/visit", async (req, res) => { // want "UPS401"
  const key = `visits:${req.ip}`;
  const seen = await redis.incr(key);
  await redis.expire(key, 3600);
  res.json({ seen });
});

app.listen(3000);
