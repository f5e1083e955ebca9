import { getServerSession } from "next-auth";
import { ratelimit, redis } from "@/lib/upstash";

// UPS401: the limit runs under `if (session)` in the handler itself, and
// the Redis work after it runs for anonymous callers too.
export async function POST() {
  const session = await getServerSession();
  if (session) {
    const { success } = await ratelimit.limit(session.user.id);
    if (!success) return new Response("Too many requests", { status: 429 });
  }
  await redis.incr("shares");
  return new Response("ok");
}
