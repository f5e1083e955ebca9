import { Ratelimit } from "@upstash/ratelimit";
import { redis } from "@acme/cache";

const cache = new Map();

// A factory: one limiter per policy, shared ephemeral cache.
export const ratelimit = (requests: number, window: `${number} s` | `${number} m`) =>
  new Ratelimit({
    redis,
    limiter: Ratelimit.slidingWindow(requests, window),
    ephemeralCache: cache,
    prefix: "acme",
  });

// A helper that throws when the caller is over the limit.
export async function assertWithinLimit(id: string, requests = 10) {
  const { success } = await ratelimit(requests, "10 s").limit(id);
  if (!success) {
    throw new Error("Too many requests");
  }
}
