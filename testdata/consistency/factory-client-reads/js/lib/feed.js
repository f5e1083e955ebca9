import { getRedis } from "./redis.js"; // want "UPS501"

export async function latestPosts() {
  const redis = getRedis();
  return redis.zrange("posts:by-date", 0, 9, { rev: true });
}
