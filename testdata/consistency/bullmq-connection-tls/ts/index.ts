import { Queue, Worker } from "bullmq";
import IORedis from "ioredis";

const tlsOptions = process.env.UPSTASH_REDIS_HOST ? { tls: {} } : {};
const connection = { host: process.env.UPSTASH_REDIS_HOST, port: 6379, password: process.env.UPSTASH_REDIS_PASSWORD, tls: {} };

export const queue = new Queue("jobs", { connection });
export const worker = new Worker("jobs", async () => {}, { connection: { host: process.env.UPSTASH_REDIS_HOST, port: 6379, ...tlsOptions } });
export const local = new Queue("local", { connection: { host: process.env.REDIS_HOST, port: 6379 } });
export const client = new IORedis({ host: process.env.UPSTASH_REDIS_HOST, port: 6379, ...tlsOptions });
