import { redis } from "../src/lib/redis";

async function main() {
  console.log(await redis.zrange("posts:by-date", 0, -1));
}

main();
