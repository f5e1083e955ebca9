const { createClient } = require("redis");

exports.a = createClient({ socket: { host: "fake-otter-12345.upstash.io", port: 6379, tls: true }, password: process.env.PW });
exports.b = createClient({ socket: { host: process.env.UPSTASH_REDIS_HOST, port: 6379, tls: true }, password: process.env.PW });
exports.c = createClient({ socket: { host: "redis.example.com", port: 6379 }, password: process.env.PW });
exports.d = createClient({ socket: { host: "fly-fake-otter-12345.upstash.io", port: 6379 }, password: process.env.PW });
exports.e = createClient({ socket: { host: process.env.REDIS_HOST, port: 6379 }, password: process.env.PW });
