"use client";
import { Redis } from "@upstash/redis";

const redis = new Redis({ url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN! }); // want "UPS202"

export function Views() {
  return <button onClick={() => redis.incr("views")}>+1</button>;
}
