import { redis } from "../../../lib/redis";

// A QStash receiver that never verifies the signature: UPS504, and not
// also UPS401 (what it lacks is the signature check).
export async function POST(req: Request) { // want "UPS504"
  const { id } = await req.json();
  await redis.incr(`reports:${id}`);
  return new Response("ok");
}
