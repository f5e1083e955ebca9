import { withAuth } from "next-auth/middleware";

// signed-in: next-auth's withAuth over /api.
export default withAuth(function middleware(req) {
  return undefined;
});

export const config = { matcher: ["/api/:path*"] };
