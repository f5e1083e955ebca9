import { redis } from "@/lib/redis";

// verified: Vercel cron's shared secret.
export async function GET(req: Request) {
  if (req.headers.get("authorization") !== `Bearer ${process.env.CRON_SECRET}`) {
    return new Response("unauthorized", { status: 401 });
  }
  await redis.del("daily");
  return new Response("ok");
}
