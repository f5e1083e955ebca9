import { redis } from "@acme/cache";

export async function GET(req: Request) {
  if (req.headers.get("authorization") !== `Bearer ${process.env.CRON_SECRET}`) {
    return new Response("Unauthorized", { status: 401 });
  }
  await redis.del("stats");
  return new Response("ok");
}
