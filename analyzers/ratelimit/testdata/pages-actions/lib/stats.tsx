"use server";
import { redis } from "@/lib/redis";

// A server component in a "use server" module: rendering it runs it.
export default async function Stats() {
  const n = await redis.get<number>("stats");
  return <p>{n}</p>;
}
