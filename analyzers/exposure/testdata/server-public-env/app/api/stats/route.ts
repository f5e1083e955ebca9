import { Redis } from "@upstash/redis";

// A route handler never reaches a bundle, but the NEXT_PUBLIC_ name is one
// client import away from one: a finding at a lower severity.
const redis = new Redis({ url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN! }); // want "UPS202"

// Server-only names are the right way: nothing to report.
const good = new Redis({ url: process.env.UPSTASH_REDIS_REST_URL!, token: process.env.UPSTASH_REDIS_REST_TOKEN! });

export async function GET() {
  return Response.json({ views: await redis.get("views"), other: await good.get("x") });
}
