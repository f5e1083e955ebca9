import { initTRPC, TRPCError } from "@trpc/server";
import { ratelimit } from "~/lib/ratelimit";
import { auth } from "~/server/auth";

export const createTRPCContext = async (opts: { headers: Headers }) => {
  const session = await auth();
  return { session, ip: opts.headers.get("x-real-ip") ?? "anon", ...opts };
};

const t = initTRPC.context<typeof createTRPCContext>().create();

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure;

export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.session?.user) {
    throw new TRPCError({ code: "UNAUTHORIZED" });
  }
  return next({ ctx: { session: { ...ctx.session, user: ctx.session.user } } });
});

const rateLimitMiddleware = t.middleware(async ({ ctx, next }) => {
  const { success } = await ratelimit.limit(ctx.session?.user.id ?? ctx.ip);
  if (!success) {
    throw new TRPCError({ code: "TOO_MANY_REQUESTS" });
  }
  return next();
});

export const rateLimitedProcedure = publicProcedure.use(rateLimitMiddleware);

// Limits signed-in callers only, and calls next() for everyone.
const userLimit = t.middleware(async ({ ctx, next }) => {
  if (ctx.session?.user) {
    const { success } = await ratelimit.limit(ctx.session.user.id);
    if (!success) throw new TRPCError({ code: "TOO_MANY_REQUESTS" });
  }
  return next();
});

export const softLimitedProcedure = publicProcedure.use(userLimit);
