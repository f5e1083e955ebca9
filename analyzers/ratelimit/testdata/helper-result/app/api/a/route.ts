import { checkLimit, redis } from "@/lib/limit";
export async function POST(req: Request) {
  await checkLimit("x" + req.headers.get("x-real-ip"));
  await redis.incr("a");
  return new Response("ok");
}
