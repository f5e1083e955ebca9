import { Redis } from "@upstash/redis";
import IORedis from "ioredis";

export const rest = new Redis({ url: "https://fake-otter-12345.upstash.io", token: process.env.UPSTASH_REDIS_REST_TOKEN! });
export const tcp = new IORedis("rediss://default:" + process.env.PW + "@fake-otter-12345.upstash.io:6379");
export const tcp2 = new IORedis(`rediss://default:${process.env.PW}@fake-otter-12345.upstash.io:6379`);
