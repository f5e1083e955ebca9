import { getServerSession } from "next-auth";
import { redis } from "@/lib/redis";

// public: the session only picks a key; nobody is turned away.
export async function POST() {
  const session = await getServerSession();
  const who = session?.user?.id ?? "anonymous";
  await redis.incr(`views:${who}`);
  return new Response("ok");
}
