"use server";
import { redis } from "@/lib/redis";

// Handed to a form by a server component: the browser posts to it.
export async function subscribe(data: FormData) {
  await redis.sadd("subscribers", String(data.get("email")));
}
