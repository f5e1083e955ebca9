import { Redis } from "@upstash/redis";

export const redis = Redis.fromEnv();

// Unrelated to the import: a sliced parse of this module leaves these out,
// so the rate-limit pass asks for the module whole to read the helper.
export function formatCount(n: number): string {
  return n < 1000 ? String(n) : (n / 1000).toFixed(1) + "k";
}

export function requireAuth(req: Request): boolean {
  return req.method.length > 0;
}
