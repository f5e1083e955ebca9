import { withTeam } from "@/lib/ratelimit";
import { redis } from "@/lib/redis";

export const POST = withTeam(async (req, team) => {
  await redis.hincrby("teams", team, 1);
  return new Response("ok");
});
