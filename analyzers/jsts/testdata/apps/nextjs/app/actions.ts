"use server";

import { redis } from "@/lib/redis";

export async function like(id: string) {
  await redis.hincrby("likes", id, 1);
}
