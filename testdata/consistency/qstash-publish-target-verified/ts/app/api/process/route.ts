import { verifySignatureAppRouter } from "@upstash/qstash/nextjs";

async function handler(req: Request) {
  const { id } = await req.json();
  console.log("building report", id);
  return new Response("ok");
}

export const POST = verifySignatureAppRouter(handler); // want "UPS505"
