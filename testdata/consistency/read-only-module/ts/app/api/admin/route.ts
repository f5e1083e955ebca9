import { Redis } from "@upstash/redis";

const redis = Redis.fromEnv();

export async function GET() { // want "UPS401"
  return Response.json(await redis.get("banner"));
}

export async function POST(req: Request) { // want "UPS401"
  await redis.set("banner", await req.text());
  return new Response("ok");
}
