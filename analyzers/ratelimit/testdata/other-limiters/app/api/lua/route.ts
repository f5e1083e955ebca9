import { redis } from "@/lib/redis";

const SCRIPT = `
local current = redis.call("INCR", KEYS[1])
if current == 1 then redis.call("EXPIRE", KEYS[1], ARGV[1]) end
return current
`;

export async function GET(req: Request) {
  const ip = req.headers.get("x-real-ip") ?? "anonymous";
  const hits = (await redis.eval(SCRIPT, [`rl:${ip}`], [60])) as number;
  if (hits > 30) {
    throw new Error("rate limited");
  }
  return Response.json(await redis.get("feed"));
}
