"use server";

import { headers } from "next/headers";
import { redis } from "@acme/cache";
import { ratelimit } from "@acme/ratelimit";

export async function sendFeedback(data: FormData) {
  const ip = (await headers()).get("x-real-ip") ?? "anonymous";
  const { success } = await ratelimit(3, "1 m").limit(ip);
  if (!success) return { error: "Slow down" };
  await redis.lpush("feedback", String(data.get("text")));
  return { ok: true };
}

export async function vote(id: string) {
  await redis.incr(`votes:${id}`);
}
