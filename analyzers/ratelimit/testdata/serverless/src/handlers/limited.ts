import { redis, ratelimit } from "../../lib/redis";

export const main = async (event: { requestContext: { http: { sourceIp: string } } }) => {
  const { success } = await ratelimit.limit(event.requestContext.http.sourceIp);
  if (!success) return { statusCode: 429 };
  await redis.incr("hits");
  return { statusCode: 200 };
};
