import IORedis from "ioredis";

// Planted: a TCP client to Upstash without TLS (UPS303) and one that turns
// certificate checks off (UPS302).
export const queue = new IORedis({
  host: "fake-otter-12345.upstash.io",
  port: 6379,
  password: process.env.UPSTASH_REDIS_PASSWORD,
});

export const events = new IORedis(process.env.UPSTASH_REDIS_URL!, {
  tls: { rejectUnauthorized: false },
});

// Secure variant.
export const jobs = new IORedis({
  host: "fake-otter-12345.upstash.io",
  port: 6379,
  password: process.env.UPSTASH_REDIS_PASSWORD,
  tls: {},
});
