import { redis } from "@/lib/redis";

export async function GET(req: Request) {
  const ip = req.headers.get("x-real-ip") ?? "anonymous";
  const [count] = await redis.multi().incr(`rl:${ip}`).expire(`rl:${ip}`, 10).exec();
  if (count > 5) return new Response("slow down", { status: 429 });
  return Response.json(await redis.get("feed"));
}
