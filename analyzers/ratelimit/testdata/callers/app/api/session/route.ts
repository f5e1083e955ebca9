import { getServerSession } from "next-auth";
import { redis } from "@/lib/redis";

// signed-in: the session check rejects before the Upstash work.
export async function POST() {
  const session = await getServerSession();
  if (!session) {
    return new Response("unauthorized", { status: 401 });
  }
  await redis.incr(`views:${session.user.id}`);
  return new Response("ok");
}
