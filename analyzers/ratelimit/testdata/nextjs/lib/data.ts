import { redis } from "@/lib/redis";

export async function getPosts() {
  return redis.lrange("posts", 0, 10);
}

export async function savePost(title: string) {
  await redis.lpush("posts", title);
}
