import { createHmac, timingSafeEqual } from "crypto";
import { redis } from "@/lib/redis";

// verified: an HMAC of the body compared in constant time.
export async function POST(req: Request) {
  const body = await req.text();
  const sig = Buffer.from(req.headers.get("x-hub-signature-256") ?? "");
  const want = Buffer.from("sha256=" + createHmac("sha256", process.env.GITHUB_WEBHOOK_SECRET!).update(body).digest("hex"));
  if (sig.length !== want.length || !timingSafeEqual(sig, want)) {
    return new Response("bad signature", { status: 401 });
  }
  await redis.lpush("pushes", body);
  return new Response("ok");
}
