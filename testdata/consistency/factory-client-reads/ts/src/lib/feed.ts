import { getRedis } from "@/lib/redis"; // want "UPS501"

export async function latestPosts() {
  const redis = getRedis();
  const ids = await redis.zrange<string[]>("posts:by-date", 0, 9, { rev: true });
  return Promise.all(ids.map((id) => getRedis().hgetall(`post:${id}`)));
}
