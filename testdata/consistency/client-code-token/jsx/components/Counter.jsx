"use client";

import { Redis } from "@upstash/redis";
import { useEffect, useState } from "react";

const redis = new Redis({ url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN }); // want "UPS202"

export function Counter() {
  const [count, setCount] = useState(null);
  useEffect(() => {
    redis.incr("visits").then(setCount);
  }, []);
  return <p>{count ?? "…"} visits</p>;
}
