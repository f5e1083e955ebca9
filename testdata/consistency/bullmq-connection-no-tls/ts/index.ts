import { Queue, Worker } from "bullmq";

const connection = { host: process.env.UPSTASH_REDIS_HOST, port: 6379, password: process.env.UPSTASH_REDIS_PASSWORD };

export const queue = new Queue("jobs", { connection }); // want "UPS303"
export const worker = new Worker("jobs", async () => {}, { connection: { host: "fake-otter-12345.upstash.io", port: 6379, password: process.env.PW } }); // want "UPS303"
