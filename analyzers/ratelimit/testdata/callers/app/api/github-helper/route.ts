import { verifySignature } from "@/lib/webhooks";
import { redis } from "@/lib/redis";

// verified: the helper hands back timingSafeEqual's result.
export async function POST(req: Request) {
  const body = await req.text();
  if (!verifySignature(body, req.headers.get("x-hub-signature-256"))) {
    return new Response("bad signature", { status: 401 });
  }
  await redis.lpush("pushes", body);
  return new Response("ok");
}
