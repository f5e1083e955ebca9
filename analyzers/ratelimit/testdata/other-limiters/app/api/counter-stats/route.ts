import { redis } from "@/lib/redis";

// Counts views per visitor: no threshold, no limit.
export async function POST(req: Request) {
  const ip = req.headers.get("x-real-ip") ?? "anonymous";
  const views = await redis.incr(`views:${ip}`);
  await redis.expire(`views:${ip}`, 86400);
  return Response.json({ views });
}
