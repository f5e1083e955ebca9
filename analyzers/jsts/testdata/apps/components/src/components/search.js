"use client";
// BOM and CRLF line endings.
import { Index } from "@upstash/vector";

const index = new Index({
  url: process.env.NEXT_PUBLIC_UPSTASH_VECTOR_REST_URL,
  token: process.env.NEXT_PUBLIC_UPSTASH_VECTOR_REST_TOKEN,
});

export const search = (q) => index.query({ data: q, topK: 5 });
