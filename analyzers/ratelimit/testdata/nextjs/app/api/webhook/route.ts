import { verifySignatureAppRouter } from "@upstash/qstash/nextjs";
import { redis } from "@/lib/redis";

async function handler(request: Request) {
  const { id } = await request.json();
  await redis.set(`job:${id}`, "done");
  return new Response("ok");
}

// Only QStash can call it: the signature is verified.
export const POST = verifySignatureAppRouter(handler);
