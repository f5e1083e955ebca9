const { Redis } = require("@upstash/redis");
const IORedis = require("ioredis");

exports.rest = new Redis({ url: "https://fake-otter-12345.upstash.io", token: process.env.UPSTASH_REDIS_REST_TOKEN });
exports.tcp = new IORedis("rediss://default:" + process.env.PW + "@fake-otter-12345.upstash.io:6379");
exports.tcp2 = new IORedis(`rediss://default:${process.env.PW}@fake-otter-12345.upstash.io:6379`);
