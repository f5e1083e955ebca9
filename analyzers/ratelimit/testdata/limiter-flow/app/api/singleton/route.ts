import { sharedLimiter } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

export async function GET(req: Request) {
  const { success } = await sharedLimiter().limit(req.headers.get("x-real-ip") ?? "anonymous");
  if (!success) return new Response("slow down", { status: 429 });
  return Response.json(await redis.get("feed"));
}
