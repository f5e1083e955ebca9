import { limiters } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

export async function GET(req: Request) {
  const ip = req.headers.get("x-real-ip") ?? "anonymous";
  const { success } = await limiters.api.limit(ip);
  if (!success) return new Response("slow down", { status: 429 });
  return Response.json(await redis.get("feed"));
}
