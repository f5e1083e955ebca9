const { Redis } = require("@upstash/redis");

exports.redis = Redis.fromEnv();
