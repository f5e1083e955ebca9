const Redis = require("ioredis");

const url = new URL(process.env.UPSTASH_REDIS_URL);
const other = new URL(process.env.REDIS_URL);

exports.a = new Redis({ host: url.hostname, port: url.port, password: url.password, tls: { rejectUnauthorized: false } }); // want "UPS302"
exports.b = new Redis({ host: other.hostname, port: other.port, password: other.password, tls: { rejectUnauthorized: false } });
