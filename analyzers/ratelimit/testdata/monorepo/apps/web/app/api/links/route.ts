import { redis } from "@acme/cache";
import { ratelimit } from "@acme/ratelimit";

export async function POST(req: Request) {
  const ip = req.headers.get("x-real-ip") ?? "anonymous";
  const { success } = await ratelimit(5, "10 s").limit(ip);
  if (!success) {
    return new Response("Too many requests", { status: 429 });
  }
  const { url } = await req.json();
  const code = crypto.randomUUID().slice(0, 7);
  await redis.set(`link:${code}`, url);
  return Response.json({ code });
}

// GET reads through the cache package with no limit: public, unlimited.
export async function GET(req: Request) {
  const code = new URL(req.url).searchParams.get("code") ?? "";
  const url = await redis.get<string>(`link:${code}`);
  return Response.json({ url });
}
