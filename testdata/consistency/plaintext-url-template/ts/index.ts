import Redis from "ioredis";

export const redis = new Redis(`redis://default:${process.env.PW}@fake-otter-12345.upstash.io:6379`); // want "UPS301"
