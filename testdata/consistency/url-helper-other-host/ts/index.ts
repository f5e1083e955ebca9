import Redis from "ioredis";

function redisURL(host: string, scheme = "redis"): string {
  return `${scheme}://default:${process.env.PW}@${host}:6379`;
}

function plainURL(host: string): string {
  return `redis://default:${process.env.PW}@${host}:6379`;
}

function tlsURL(host: string): string {
  return "rediss://default:" + process.env.PW + "@" + host + ":6379";
}

export const a = new Redis(plainURL("redis.example.com"));
export const b = new Redis(plainURL(process.env.UPSTASH_REDIS_HOST!));
export const c = new Redis(tlsURL("fake-otter-12345.upstash.io"));
export const d = new Redis(redisURL("fake-otter-12345.upstash.io", "rediss"));
export const e = new Redis(plainURL("fly-fake-otter-12345.upstash.io"));
