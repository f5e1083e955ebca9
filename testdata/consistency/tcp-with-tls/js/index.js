const Redis = require("ioredis");

module.exports = new Redis({ host: "fake-otter-12345.upstash.io", port: 6379, password: process.env.PW, tls: {} });
