import { redis } from "@/lib/redis";

// One counter for everyone, and no expiry: not a per-caller limit.
export async function POST(req: Request) {
  const total = await redis.incr("signups");
  if (total > 1000) {
    return new Response("closed", { status: 403 });
  }
  await redis.sadd("emails", await req.text());
  return new Response("ok");
}
