import { Redis } from "@upstash/redis";
import { Client } from "@upstash/qstash";

export const redis = new Redis({ url: "https://fake-otter-12345.upstash.io", token: "your_token_here" });
export const qstash = new Client({ token: "<QSTASH_TOKEN>" });
