import Redis from "ioredis";

// A comment outside the options says nothing about this client.
// Upstash is used elsewhere in the app.
export const redis = new Redis(process.env.REDIS_URL!, {
  tls: { rejectUnauthorized: false },
});

export const local = new Redis(process.env.UPSTASH_REDIS_URL!, {
  // Upstash: verification stays on
  tls: { rejectUnauthorized: true },
});
