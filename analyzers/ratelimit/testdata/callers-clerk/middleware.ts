import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

// public: clerkMiddleware protects only /dashboard; /api/data is not checked.
const isProtected = createRouteMatcher(["/dashboard(.*)"]);

export default clerkMiddleware(async (auth, req) => {
  if (isProtected(req)) await auth.protect();
});

export const config = { matcher: ["/((?!_next).*)", "/(api|trpc)(.*)"] };
