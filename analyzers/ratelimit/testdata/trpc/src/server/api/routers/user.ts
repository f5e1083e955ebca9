import { TRPCError } from "@trpc/server";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "~/server/api/trpc";
import { ratelimit } from "~/lib/ratelimit";
import { redis } from "~/lib/redis";

export const userRouter = createTRPCRouter({
  // Signed-in and limited by a .use() on the chain.
  update: protectedProcedure
    .use(async ({ ctx, next }) => {
      const { success } = await ratelimit.limit(ctx.session.user.id);
      if (!success) throw new TRPCError({ code: "TOO_MANY_REQUESTS" });
      return next();
    })
    .input(z.object({ bio: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await redis.hset(`user:${ctx.session.user.id}`, { bio: input.bio });
    }),
  // Limited in its own body.
  profile: publicProcedure.input(z.string()).query(async ({ input }) => {
    const { success } = await ratelimit.limit(input);
    if (!success) throw new TRPCError({ code: "TOO_MANY_REQUESTS" });
    return redis.hgetall(`user:${input}`);
  }),
  // Inline router, flattened: admin.stats, signed-in by its own check.
  admin: createTRPCRouter({
    stats: publicProcedure.query(async ({ ctx }) => {
      if (!ctx.session?.user) throw new TRPCError({ code: "UNAUTHORIZED" });
      return redis.dbsize();
    }),
  }),
});
