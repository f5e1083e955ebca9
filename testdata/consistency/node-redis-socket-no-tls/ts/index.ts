import { createClient } from "redis";

export const a = createClient({ socket: { host: "fake-otter-12345.upstash.io", port: 6379 }, password: process.env.PW }); // want "UPS303"
export const b = createClient({ socket: { host: process.env.UPSTASH_REDIS_HOST, port: 6379 }, password: process.env.PW }); // want "UPS303"
export const c = createClient({ password: process.env.PW, socket: { host: "fake-otter-12345.upstash.io", port: 6379, tls: false } }); // want "UPS303"
