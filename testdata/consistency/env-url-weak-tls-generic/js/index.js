const Redis = require("ioredis");
const { createClient } = require("redis");

// REDIS_URL and DATABASE_URL do not say which provider: no finding.
exports.a = new Redis(process.env.REDIS_URL, { tls: { rejectUnauthorized: false } });
exports.c = createClient({ url: process.env.REDIS_URL, socket: { tls: true, rejectUnauthorized: false } });
exports.d = new Redis(process.env.UPSTASH_REDIS_URL, { tls: { rejectUnauthorized: true } });
exports.e = new Redis(process.env.UPSTASH_REDIS_URL, { tls: { checkServerIdentity: (host, cert) => require("tls").checkServerIdentity(host, cert) } });

