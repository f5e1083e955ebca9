import { Redis } from "@upstash/redis";
import express from "express";

const redis = Redis.fromEnv();
const app = express();

app.post("/vote", async (req, res) => {
  const key = `rl:${req.ip}`;
  const count = await redis.incr(key);
  if (count === 1) await redis.expire(key, 60);
  if (count > 10) return res.status(429).send("slow down");
  await redis.zincrby("poll", 1, String(req.query.choice));
  res.send("ok");
});

app.listen(3000);
