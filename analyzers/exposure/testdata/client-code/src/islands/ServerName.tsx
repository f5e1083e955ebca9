import { useState } from "react";

// A server-only name is never inlined by the bundler: nothing to report.
const token = process.env.UPSTASH_REDIS_REST_TOKEN;

export function ServerName() {
  const [shown] = useState(Boolean(token));
  return <span>{String(shown)}</span>;
}
