import { redis } from "@/lib/redis";

export async function getPost(id: string) {
  return redis.hgetall(`post:${id}`);
}

export async function savePost(id: string, title: string) {
  await redis.hset(`post:${id}`, { title });
  await redis.zadd("posts:by-date", { score: Date.now(), member: id });
}
