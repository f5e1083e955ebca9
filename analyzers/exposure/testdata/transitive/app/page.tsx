"use client";

import { redis } from "../lib/redis";
import { cache } from "../lib/placeholder";

export default function Page() {
  redis.incr("visits");
  cache.get("x");
  return null;
}
