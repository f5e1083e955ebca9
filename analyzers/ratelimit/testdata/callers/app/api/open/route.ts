import { redis } from "@/lib/redis";

// public: the middleware matcher does not cover /api/open.
export async function GET() {
  return Response.json(await redis.get("motd"));
}
