// An SQS consumer: serverless.yml gives it no HTTP event, so it is no endpoint.
import { redis } from "../../lib/redis";

export const handler = async () => {
  await redis.incr("jobs");
};
