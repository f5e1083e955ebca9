import { savePost } from "@/lib/data";

export async function GET() {
  // A development helper: disabled in production.
  if (process.env.NODE_ENV === "production") {
    return new Response("Not found", { status: 404 });
  }
  await savePost("hello");
  return new Response("seeded");
}
