const { Redis } = require("@upstash/redis");
const { Client } = require("@upstash/qstash");

exports.redis = new Redis({ url: "https://fake-otter-12345.upstash.io", token: "your_token_here" });
exports.qstash = new Client({ token: "<QSTASH_TOKEN>" });
