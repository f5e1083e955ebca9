import { getCurrentUser } from "@/lib/guards";
import { redis } from "@/lib/redis";

// signed-in: the helper hands back the session and the handler rejects without one.
export async function GET() {
  const user = await getCurrentUser();
  if (!user) {
    return new Response("unauthorized", { status: 401 });
  }
  return Response.json(await redis.hgetall(`profile:${user.id}`));
}
