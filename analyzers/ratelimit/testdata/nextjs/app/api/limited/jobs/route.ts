import { redis } from "@/lib/redis";

// A QStash receiver under the middleware's limit that only checks the
// header is there: limited, and still UPS504 (Rules column).
export async function POST(request: Request) {
  if (!request.headers.get("Upstash-Signature")) {
    return new Response("missing signature", { status: 401 });
  }
  const job = await request.json();
  await redis.lpush("jobs", JSON.stringify(job));
  return new Response("ok");
}
