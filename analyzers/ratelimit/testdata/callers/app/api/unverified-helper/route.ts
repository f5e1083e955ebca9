import { isValidWebhook } from "@/lib/webhooks";
import { redis } from "@/lib/redis";

// public: the helper's name promises a check its body does not make.
export async function POST(req: Request) {
  const body = await req.text();
  if (!isValidWebhook(body)) {
    return new Response("bad", { status: 400 });
  }
  await redis.lpush("pushes", body);
  return new Response("ok");
}
