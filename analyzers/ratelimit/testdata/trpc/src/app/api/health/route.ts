import { redis } from "~/lib/redis";

export async function GET() {
  return Response.json({ ok: (await redis.ping()) === "PONG" });
}
