import { isAllowed, redis } from "@/lib/limit";
export async function POST(req: Request) {
  await redis.incr("c0");
  if (!(await isAllowed("x" + req.headers.get("x-real-ip")))) return new Response("slow", { status: 429 });
  await redis.incr("c");
  return new Response("ok");
}
