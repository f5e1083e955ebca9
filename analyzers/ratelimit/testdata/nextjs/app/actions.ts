"use server";

import { savePost } from "@/lib/data";

// A server action: a public POST endpoint, covered by middleware.ts (pages).
export async function createPost(form: FormData) {
  await savePost(String(form.get("title")));
}
