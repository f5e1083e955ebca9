import { Redis } from "@upstash/redis";

let client;

export const getRedis = () => (client ??= Redis.fromEnv());
