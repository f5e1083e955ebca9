import { requireUser } from "@/lib/session";
import { redis } from "@/lib/redis";

// signed-in by name only: lib/session is not in the tree.
export async function POST() {
  const user = await requireUser();
  await redis.incr(`n:${user.id}`);
  return new Response("ok");
}
