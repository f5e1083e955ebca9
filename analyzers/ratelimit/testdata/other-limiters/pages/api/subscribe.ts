import type { NextApiRequest, NextApiResponse } from "next";
import rateLimit from "express-rate-limit";
import { redis } from "@/lib/redis";

// The default MemoryStore: each serverless instance counts on its own.
const limiter = rateLimit({ windowMs: 60_000, limit: 5 });

function runMiddleware(req: NextApiRequest, res: NextApiResponse, fn: any) {
  return new Promise((resolve, reject) => {
    fn(req, res, (result: unknown) => (result instanceof Error ? reject(result) : resolve(result)));
  });
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await runMiddleware(req, res, limiter);
  await redis.sadd("subscribers", req.body.email);
  res.status(200).json({ ok: true });
}
