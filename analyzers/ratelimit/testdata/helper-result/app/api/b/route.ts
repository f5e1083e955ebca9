import { checkLimit, redis } from "@/lib/limit";
export async function POST(req: Request) {
  const { success } = await checkLimit("x" + req.headers.get("x-real-ip"));
  if (!success) return new Response("slow", { status: 429 });
  await redis.incr("b");
  return new Response("ok");
}
