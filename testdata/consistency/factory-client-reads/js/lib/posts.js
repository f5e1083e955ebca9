import { getRedis } from "./redis.js";

export async function savePost(id, title) {
  await getRedis().hset(`post:${id}`, { title });
}

export async function countViews(id) {
  const redis = getRedis();
  return redis.incr(`views:${id}`);
}
