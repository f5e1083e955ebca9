import { redis } from "@/lib/redis";

// A word, not a secret: anyone can send it.
export async function GET(request: Request) {
  if (request.headers.get("x-role") !== "admin") {
    return new Response("Unauthorized", { status: 401 });
  }
  await redis.set("last_cron_run", Date.now());
  return Response.json({ ok: true });
}
