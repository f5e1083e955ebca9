import { redis } from "@/lib/redis";

// public: the secret is compared but a mismatch is only logged.
export async function GET(req: Request) {
  if (req.headers.get("authorization") !== `Bearer ${process.env.CRON_SECRET}`) {
    console.warn("cron called without the secret");
  }
  await redis.del("daily");
  return new Response("ok");
}
