const Redis = require("ioredis");
const { createClient } = require("redis");

exports.a = new Redis(process.env.UPSTASH_REDIS_URL, { tls: { rejectUnauthorized: false } }); // want "UPS302"
exports.b = new Redis(process.env.KV_URL, { tls: { checkServerIdentity: () => undefined } }); // want "UPS302"
exports.c = createClient({ url: process.env.UPSTASH_REDIS_URL, socket: { tls: true, rejectUnauthorized: false } }); // want "UPS302"

const url = process.env.UPSTASH_REDIS_URL;
const tlsOptions = { rejectUnauthorized: false }; // want "UPS302"
exports.d = new Redis(url, { tls: tlsOptions });

const { UPSTASH_REDIS_HOST } = process.env;
exports.e = new Redis({ host: UPSTASH_REDIS_HOST, port: 6379, tls: { rejectUnauthorized: false } }); // want "UPS302"
