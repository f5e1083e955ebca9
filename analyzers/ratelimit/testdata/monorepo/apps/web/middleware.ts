import { NextResponse, type NextRequest } from "next/server";

// Adds a request id; authenticates nobody.
export function middleware(req: NextRequest) {
  const res = NextResponse.next();
  res.headers.set("x-request-id", crypto.randomUUID());
  return res;
}

export const config = {
  matcher: ["/api/:path*"],
};
