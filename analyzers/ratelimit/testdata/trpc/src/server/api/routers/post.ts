import { z } from "zod";
import { createTRPCRouter, protectedProcedure, publicProcedure, rateLimitedProcedure, softLimitedProcedure } from "~/server/api/trpc";
import { redis } from "~/lib/redis";

async function latest() {
  return redis.lrange("posts", 0, 9);
}

export const postRouter = createTRPCRouter({
  // Public, no limit: UPS401.
  hello: publicProcedure.input(z.object({ text: z.string() })).query(async ({ input }) => {
    return redis.get(`greeting:${input.text}`);
  }),
  // Public, limited by its builder's middleware.
  create: rateLimitedProcedure
    .input(z.object({ name: z.string() }))
    .mutation(async ({ input }) => {
      await redis.lpush("posts", input.name);
    }),
  // Resolver by name, public: UPS401.
  latest: publicProcedure.query(latest),
  // Signed-in, no limit: UPS401 at low.
  like: protectedProcedure.input(z.string()).mutation(async ({ ctx, input }) => {
    await redis.sadd(`likes:${input}`, ctx.session.user.id);
  }),
  // UPS401: its builder's limit is skipped for anonymous callers.
  react: softLimitedProcedure.input(z.string()).mutation(({ input }) => redis.zincrby("reactions", 1, input)),
  // No Upstash.
  ping: publicProcedure.query(() => "pong"),
});
