import { json, type ActionFunctionArgs } from "@remix-run/node";
import { ratelimit, redis } from "~/redis.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const ip = request.headers.get("x-real-ip") ?? "anonymous";
  const { success } = await ratelimit.limit(ip);
  if (!success) {
    throw json({ error: "Too many requests" }, { status: 429 });
  }
  return json({ votes: await redis.hincrby("votes", params.id!, 1) });
}
