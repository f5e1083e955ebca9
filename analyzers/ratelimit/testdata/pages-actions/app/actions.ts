"use server";
import { redis } from "@/lib/redis";

// Called from the client component: an endpoint of its own.
export async function vote(id: string) {
  await redis.incr(`votes:${id}`);
}
