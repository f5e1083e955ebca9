import { createNextApiHandler } from "@trpc/server/adapters/next";
import type { NextApiRequest, NextApiResponse } from "next";
import { appRouter } from "../../../server/app";
import { limiter } from "../../../lib/redis";

const trpc = createNextApiHandler({ router: appRouter, createContext: () => ({}) });

// Every procedure passes this limit first.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { success } = await limiter.limit(req.socket.remoteAddress ?? "unknown");
  if (!success) {
    return res.status(429).json({ error: "Too many requests" });
  }
  return trpc(req, res);
}
