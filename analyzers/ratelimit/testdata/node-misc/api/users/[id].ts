import { redis } from "../../src/redis";

export async function GET(req: Request) {
  return Response.json(await redis.hgetall("user"));
}
