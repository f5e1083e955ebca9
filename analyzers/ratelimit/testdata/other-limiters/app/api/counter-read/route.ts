import { redis } from "@/lib/redis";

// Check, then count: the count is read with GET and compared before INCR.
export async function POST(req: Request) {
  const { userId } = await req.json();
  const key = `questions:${userId}`;
  const count = (await redis.get<number>(key)) || 0;
  if (count >= 5) {
    return Response.json({ limitReached: true }, { status: 429 });
  }
  await redis.incr(key);
  await redis.expireat(key, Math.floor(Date.now() / 1000) + 86400);
  return Response.json({ ok: true });
}
