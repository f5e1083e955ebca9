// A scheduled function: not an HTTP endpoint.
import { Redis } from "@upstash/redis";

const redis = Redis.fromEnv();

export const run = async () => {
  await redis.del("hello");
};
