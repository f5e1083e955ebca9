const Redis = require("ioredis");

// A TCP client to Upstash: the env name says so.
const redis = new Redis(process.env.UPSTASH_REDIS_URL);

module.exports = { redis };
