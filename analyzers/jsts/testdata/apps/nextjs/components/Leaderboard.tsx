"use client";

// Planted: the read-only token in a public variable (UPS202, low).
import { Redis } from "@upstash/redis";

const reader = new Redis({
  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!,
  token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_READONLY_TOKEN!,
});

export async function top() {
  return reader.zrange("scores", 0, 9, { rev: true });
}
