"use server";
import { redis } from "@/lib/redis";

// A "use server" module nothing imports from client code: its exports are
// no endpoint (only server code calls them).
export async function purge() {
  await redis.flushdb();
}
