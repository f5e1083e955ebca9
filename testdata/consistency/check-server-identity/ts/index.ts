import Redis from "ioredis";

export const redis = new Redis({ host: "fake-otter-12345.upstash.io", port: 6379, password: process.env.PW, tls: { checkServerIdentity: () => undefined } }); // want "UPS302"
