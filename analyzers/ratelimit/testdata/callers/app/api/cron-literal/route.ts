import { redis } from "@/lib/redis";

// A secret written in the code still keeps other callers out.
export async function GET(request: Request) {
  const auth = request.headers.get("authorization");
  if (auth !== "Bearer 9f3k2m7q1x8v4z6w0p5t") {
    return new Response("Unauthorized", { status: 401 });
  }
  await redis.set("last_cron_run", Date.now());
  return Response.json({ ok: true });
}
