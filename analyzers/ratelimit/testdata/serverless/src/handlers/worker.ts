// An SQS consumer: no HTTP event, so only the low "if invoked over HTTP" row.
import { redis } from "../../lib/redis";

export const handler = async () => {
  await redis.incr("jobs");
};
