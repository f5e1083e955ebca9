import { auth } from "@/auth";
import { redis } from "@/lib/redis";

export async function POST(req: Request) {
  const session = await auth();
  if (!session?.user) {
    return new Response("unauthorized", { status: 401 });
  }
  await redis.incr(`x:${session.user.id}`);
  return new Response("ok");
}
