"use client";

import { Redis } from "@upstash/redis";

// A read-only token may be exposed; it is still reported (low).
const redis = new Redis({ url: "https://fake-otter-12345.upstash.io", token: "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw" }); // want "UPS102" "UPS202"

export function Leaders() {
  redis.zrange("leaders", 0, 9);
  return null;
}
