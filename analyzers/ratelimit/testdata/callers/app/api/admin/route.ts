import { requireAdmin } from "@/lib/guards";
import { redis } from "@/lib/redis";

// signed-in: the helper redirects unless an admin session exists.
export async function DELETE() {
  await requireAdmin();
  await redis.del("cache");
  return new Response("ok");
}
