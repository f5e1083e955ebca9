import { auth } from "@/auth";
import { redis } from "@/lib/redis";

// auth() runs, but nothing rejects a caller without a session: public.
export async function GET() {
  const session = await auth();
  await redis.incr(`views:${session?.user?.id ?? "anonymous"}`);
  return new Response("ok");
}
