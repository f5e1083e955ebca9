import Redis from "ioredis";

function redisURL(host: string): string {
  return `redis://default:${process.env.PW}@${host}:6379`;
}

const plainURL = (host: string) => "redis://default:" + process.env.PW + "@" + host + ":6379";

const UPSTASH_HOST = "fake-otter-12345.upstash.io";

function defaultURL() {
  return `redis://default:${process.env.PW}@${UPSTASH_HOST}:6379`; // want "UPS301"
}

function connect(url: string) {
  return new Redis(url);
}

export const a = new Redis(redisURL("fake-otter-12345.upstash.io")); // want "UPS301"
export const b = new Redis(plainURL("fake-otter-12345.upstash.io")); // want "UPS301"
export const c = connect(redisURL("fake-otter-12345.upstash.io")); // want "UPS301"
export const d = connect(defaultURL());
