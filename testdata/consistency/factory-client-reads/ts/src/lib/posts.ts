import { getRedis } from "@/lib/redis";

export async function getPost(id: string) {
  return getRedis().hgetall(`post:${id}`);
}

export async function savePost(id: string, title: string) {
  const redis = getRedis();
  await redis.hset(`post:${id}`, { title });
  await redis.zadd("posts:by-date", { score: Date.now(), member: id });
}
