import { withRateLimit } from "@/lib/withRateLimit";
import { redis } from "@/lib/redis";

export const GET = withRateLimit(async () => {
  return Response.json(await redis.get("feature-flags"));
});
