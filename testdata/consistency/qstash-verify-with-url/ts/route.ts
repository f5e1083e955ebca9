import { Receiver } from "@upstash/qstash";

const receiver = new Receiver({
  currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY!,
  nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY!,
});

export async function POST(req: Request) {
  const body = await req.text();
  const signature = req.headers.get("Upstash-Signature") ?? "";
  const valid = await receiver.verify({ signature, body, url: `${process.env.APP_URL}/api/jobs` });
  if (!valid) return new Response("invalid signature", { status: 401 });
  return new Response("ok");
}
