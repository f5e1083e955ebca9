const Redis = require("ioredis");

module.exports = new Redis(`redis://default:${process.env.PW}@fake-otter-12345.upstash.io:6379`); // want "UPS301"
