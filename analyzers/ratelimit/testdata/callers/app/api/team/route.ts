import { withTeam } from "@/lib/guards";
import { redis } from "@/lib/redis";

// signed-in: the wrapper answers 401 before the handler runs.
export const POST = withTeam(async (req, team) => {
  await redis.sadd(`team:${team}`, "x");
  return new Response("ok");
});
