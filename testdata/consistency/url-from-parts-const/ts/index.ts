import Redis from "ioredis";

const UPSTASH_HOST = "fake-otter-12345.upstash.io";
const PORT = 6379;

export const a = new Redis("redis://default:" + process.env.PW + "@" + UPSTASH_HOST + ":" + PORT); // want "UPS301"
export const b = new Redis(`redis://default:${process.env.PW}@${UPSTASH_HOST}:${PORT}`); // want "UPS301"
export const c = new Redis(`rediss://default:${process.env.PW}@${UPSTASH_HOST}:${PORT}`);
