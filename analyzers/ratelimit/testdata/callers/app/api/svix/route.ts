import { Webhook } from "svix";
import { redis } from "@/lib/redis";

// verified: Svix verify throws.
export async function POST(req: Request) {
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SECRET!);
  const evt = wh.verify(await req.text(), Object.fromEntries(req.headers));
  await redis.hset("users", { id: String(evt) });
  return new Response("ok");
}
