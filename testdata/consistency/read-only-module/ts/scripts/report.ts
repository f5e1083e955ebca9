import { Redis } from "@upstash/redis";

const redis = Redis.fromEnv();
console.log(await redis.zrange("leaderboard", 0, 9));
