import { Redis } from "@upstash/redis";

// No client code imports this module: medium, at the client.
export const cache = new Redis({ url: process.env.NEXT_PUBLIC_REDIS_URL!, token: process.env.NEXT_PUBLIC_REDIS_KEY! }); // want "UPS202"
