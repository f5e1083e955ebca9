const Redis = require("ioredis");

module.exports = new Redis(`redis://default:${process.env.PW}@fly-fake-otter-12345.upstash.io:6379`);
module.exports.direct = new Redis({ host: "fly-fake-otter-12345.upstash.io", port: 6379, password: process.env.PW });
