import { redis } from "@acme/cache";
import { withTeam } from "@acme/auth";
import { assertWithinLimit } from "@acme/ratelimit";

export const GET = withTeam(async ({ session, team }) => {
  await assertWithinLimit(session.user.id);
  const usage = await redis.hgetall(`usage:${team}`);
  return Response.json(usage);
});

// DELETE has no limit: signed-in callers only.
export const DELETE = withTeam(async ({ team }) => {
  await redis.del(`usage:${team}`);
  return new Response(null, { status: 204 });
});
