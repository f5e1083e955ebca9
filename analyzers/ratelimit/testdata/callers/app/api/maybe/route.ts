import { getCurrentUser } from "@/lib/guards";
import { redis } from "@/lib/redis";

// public: the session is optional.
export async function POST() {
  const user = await getCurrentUser();
  await redis.incr(`clicks:${user?.id ?? "anonymous"}`);
  return new Response("ok");
}
