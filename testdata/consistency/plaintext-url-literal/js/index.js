const Redis = require("ioredis");

module.exports = new Redis("redis://fake-otter-12345.upstash.io:6379"); // want "UPS301"
