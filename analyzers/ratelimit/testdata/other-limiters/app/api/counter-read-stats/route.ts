import { redis } from "@/lib/redis";

// Reads and increments a counter, but never rejects: statistics.
export async function POST(req: Request) {
  const { page } = await req.json();
  const key = `views:${page}`;
  const count = (await redis.get<number>(key)) || 0;
  await redis.incr(key);
  await redis.expire(key, 86400);
  return Response.json({ views: count + 1 });
}
