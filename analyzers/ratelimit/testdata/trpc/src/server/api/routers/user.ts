import { TRPCError } from "@trpc/server";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "~/server/api/trpc";
import { ratelimit } from "~/lib/ratelimit";
import { redis } from "~/lib/redis";
import { adminProcedure } from "@acme/trpc-kit";

async function isMember(email: string) {
  return email.endsWith("@example.com");
}

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
  // Signed-in by an UNAUTHORIZED throw under a condition on something else.
  invite: publicProcedure.input(z.string()).mutation(async ({ input }) => {
    if (!(await isMember(input))) {
      throw new TRPCError({ code: "UNAUTHORIZED" });
    }
    await redis.sadd("invites", input);
  }),
  // A builder from a package upscan does not read: signed-in by its name.
  ban: adminProcedure.input(z.string()).mutation(({ input }) => redis.sadd("banned", input)),
  // Public: a throw that is not about the caller proves nothing.
  lookup: publicProcedure.input(z.string()).query(async ({ input }) => {
    if (!input) throw new TRPCError({ code: "BAD_REQUEST" });
    return redis.get(`handle:${input}`);
  }),
  // Inline router, flattened: admin.stats, signed-in by its own check.
  admin: createTRPCRouter({
    stats: publicProcedure.query(async ({ ctx }) => {
      if (!ctx.session?.user) throw new TRPCError({ code: "UNAUTHORIZED" });
      return redis.dbsize();
    }),
  }),
});
