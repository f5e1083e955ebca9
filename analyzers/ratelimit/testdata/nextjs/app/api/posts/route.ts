import { listPosts } from "@/lib/helpers";
import { savePost } from "@/lib/data";
import { ratelimit } from "@/lib/ratelimit";

// Unprotected: reaches Redis through helpers → data → redis.
export async function GET() {
  return Response.json(await listPosts());
}

// Protected in the handler, before the work.
export async function POST(request: Request) {
  const ip = request.headers.get("x-forwarded-for") ?? "127.0.0.1";
  const { success } = await ratelimit.limit(ip);
  if (!success) {
    return new Response("Too many requests", { status: 429 });
  }
  const { title } = await request.json();
  await savePost(title);
  return new Response(null, { status: 201 });
}
