import { Redis } from "@upstash/redis";

// A placeholder is no credential, whichever language it is written in.
export const cache = new Redis({ url: "https://fake-otter-12345.upstash.io", token: "your-token-here" });
