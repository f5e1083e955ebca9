"use client";
import { Redis } from "@upstash/redis";
import { useEffect, useState } from "react";

// Runs in the browser (an effect): not work of the page's server render.
const redis = new Redis({
  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!,
  token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_READ_ONLY_TOKEN!,
});

export function Counter() {
  const [n, setN] = useState(0);
  useEffect(() => {
    redis.get<number>("count").then((v) => setN(v ?? 0));
  }, []);
  return <span>{n}</span>;
}
