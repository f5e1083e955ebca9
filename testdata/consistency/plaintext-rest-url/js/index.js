const { Redis } = require("@upstash/redis");

module.exports = new Redis({ url: "http://fake-otter-12345.upstash.io", token: process.env.UPSTASH_REDIS_REST_TOKEN }); // want "UPS301"
