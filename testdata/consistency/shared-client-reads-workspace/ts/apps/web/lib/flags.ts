import { redis } from "@acme/cache"; // want "UPS501"

export async function flags() {
  return redis.hgetall("flags");
}
