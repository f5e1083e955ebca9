"use client";

import { Index } from "@upstash/vector";

// In the browser the SDK can only find a public variable: the token is in the bundle.
const index = new Index(); // want "UPS202"

export function Search() {
  return <input onChange={(e) => index.query({ data: e.target.value, topK: 5 })} />;
}
