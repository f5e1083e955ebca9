"use client";

// Planted: a client component that talks to Upstash directly with a token
// from a NEXT_PUBLIC_ variable (UPS202).
import { Redis } from "@upstash/redis";
import { useState } from "react";

const redis = new Redis({
  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!,
  token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN!,
});

export function Counter() {
  const [n, setN] = useState(0);
  return <button onClick={async () => setN(await redis.incr("counter"))}>{n}</button>;
}
