// No client code imports this module: a lower severity, but still a finding.
import { Redis } from "@upstash/redis";

export const redis = new Redis({ url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN! }); // want "UPS202"
