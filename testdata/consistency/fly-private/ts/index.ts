import Redis from "ioredis";

export const redis = new Redis("redis://default:" + process.env.PW + "@fly-fake-otter-12345.upstash.io:6379");
export const redis2 = new Redis({ host: "fly-fake-otter-12345.upstash.io", port: 6379, password: process.env.PW });
