import { getServerSession } from "next-auth";
import { redis } from "@/lib/redis";

// public: the Upstash work runs before the session check.
export async function POST() {
  await redis.incr("hits");
  const session = await getServerSession();
  if (!session) {
    return new Response("unauthorized", { status: 401 });
  }
  return new Response("ok");
}
