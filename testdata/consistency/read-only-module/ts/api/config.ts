import { createClient } from "@vercel/kv";

const kv = createClient({ url: process.env.KV_REST_API_URL!, token: process.env.KV_REST_API_TOKEN! }); // want "UPS501"

export default async function handler(req: Request) { // want "UPS401"
  return Response.json(await kv.get("config"));
}
