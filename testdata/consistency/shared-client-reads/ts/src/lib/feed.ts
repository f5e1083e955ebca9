import { redis } from "@/lib/redis"; // want "UPS501"

export async function latestPosts() {
  const ids = await redis.zrange<string[]>("posts:by-date", 0, 9, { rev: true });
  return Promise.all(ids.map((id) => redis.hgetall(`post:${id}`)));
}
