const { Redis } = require("@upstash/redis");

module.exports = new Redis({ url: "http://fake-otter-12345.kv.vercel-storage.com", token: process.env.KV_REST_API_TOKEN }); // want "UPS301"
