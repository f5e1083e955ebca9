const { Redis } = require("@upstash/redis");

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // want "UPS302"

module.exports = Redis.fromEnv();
