// A Vercel function outside Next.js: the default export handles requests.
import { redis } from "../src/redis";

export default async function handler(req: Request) {
  return new Response(String(await redis.incr("hello")));
}
