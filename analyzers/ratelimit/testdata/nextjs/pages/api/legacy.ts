import type { NextApiRequest, NextApiResponse } from "next";
import { redis } from "@/lib/redis";

// Unprotected: the middleware matcher leaves /api/legacy out.
export default async function handler(_req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json({ hits: await redis.incr("legacy") });
}
