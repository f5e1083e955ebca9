import { NextResponse, type NextRequest } from "next/server";
import { ratelimit } from "@/lib/ratelimit";

export async function middleware(request: NextRequest) {
  const ip = request.headers.get("x-forwarded-for") ?? "127.0.0.1";
  const { success } = await ratelimit.limit(ip);
  return success ? NextResponse.next() : new NextResponse("Too many requests", { status: 429 });
}

// Pages and /api/limited/*, not the rest of /api.
export const config = {
  matcher: ["/api/limited/:path*", "/((?!api|_next/static|_next/image|favicon.ico).*)"],
};
