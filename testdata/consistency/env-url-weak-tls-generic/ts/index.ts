import Redis from "ioredis";
import { createClient } from "redis";

// REDIS_URL and DATABASE_URL do not say which provider: no finding.
export const a = new Redis(process.env.REDIS_URL!, { tls: { rejectUnauthorized: false } });
export const c = createClient({ url: process.env.REDIS_URL, socket: { tls: true, rejectUnauthorized: false } });
export const d = new Redis(process.env.UPSTASH_REDIS_URL!, { tls: { rejectUnauthorized: true } });
export const e = new Redis(process.env.UPSTASH_REDIS_URL!, { tls: { checkServerIdentity: (host, cert) => checkCert(host, cert) } });

declare function checkCert(host: string, cert: unknown): Error | undefined;
