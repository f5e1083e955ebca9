import Redis from "ioredis";

export const redis = new Redis(process.env.REDIS_URL!, {
  // Upstash requires TLS
  tls: { rejectUnauthorized: false }, // want "UPS302"
});
