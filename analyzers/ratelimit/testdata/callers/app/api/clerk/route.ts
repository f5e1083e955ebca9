import { auth } from "@clerk/nextjs/server";
import { redis } from "@/lib/redis";

// signed-in: Clerk's userId decides.
export async function GET() {
  const { userId } = await auth();
  if (!userId) return new Response(null, { status: 401 });
  return Response.json(await redis.get(`prefs:${userId}`));
}
