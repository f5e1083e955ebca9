import { kv } from "@vercel/kv"; // want "UPS501"
import { NextResponse, type NextRequest } from "next/server";

export async function middleware(req: NextRequest) { // want "UPS401"
  const blocked = await kv.sismember("blocked", req.nextUrl.pathname);
  return blocked ? new NextResponse("blocked", { status: 403 }) : NextResponse.next();
}
