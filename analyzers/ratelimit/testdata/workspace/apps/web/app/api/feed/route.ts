// A client exported by a workspace package: the route reaches Upstash.
import { redis } from "@acme/cache";

export async function GET() {
  const items = await redis.lrange("feed", 0, 20);
  return Response.json(items);
}
