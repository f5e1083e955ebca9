import Stripe from "stripe";
import { redis } from "@/lib/redis";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// verified: constructEvent throws on a bad signature before the Upstash work.
export async function POST(req: Request) {
  const body = await req.text();
  const event = stripe.webhooks.constructEvent(body, req.headers.get("stripe-signature")!, process.env.STRIPE_WEBHOOK_SECRET!);
  await redis.set(`event:${event.id}`, "1");
  return new Response("ok");
}
