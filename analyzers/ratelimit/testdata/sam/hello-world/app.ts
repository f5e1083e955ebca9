import { Redis } from "@upstash/redis";

const redis = Redis.fromEnv();

export const lambdaHandler = async () => {
  const n = await redis.incr("hello");
  return { statusCode: 200, body: String(n) };
};
