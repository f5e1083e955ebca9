import Stripe from "stripe";
import { redis } from "@/lib/redis";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// verified, but Upstash work runs first: low.
export async function POST(req: Request) {
  await redis.incr("webhooks:received");
  const body = await req.text();
  const event = stripe.webhooks.constructEvent(body, req.headers.get("stripe-signature")!, process.env.STRIPE_WEBHOOK_SECRET!);
  return Response.json({ id: event.id });
}
