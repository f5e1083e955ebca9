// Wired to HTTP by serverless.yml (http and httpApi events): two endpoints.
import { redis } from "../../lib/redis";

export const main = async () => {
  const items = await redis.lrange("feed", 0, 20);
  return { statusCode: 200, body: JSON.stringify(items) };
};
