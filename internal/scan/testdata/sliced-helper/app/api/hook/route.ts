import { requireAuth, redis } from "../../../lib/kv";

// Named like an auth guard, the helper checks nothing: still public.
export async function POST(req: Request) {
  const body = await req.text();
  if (!requireAuth(req)) {
    return new Response("unauthorized", { status: 401 });
  }
  await redis.lpush("events", body);
  return new Response("ok");
}
