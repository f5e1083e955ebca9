const Redis = require("ioredis");

function redisURL(host, scheme = "redis") {
  return `${scheme}://default:${process.env.PW}@${host}:6379`;
}

function plainURL(host) {
  return `redis://default:${process.env.PW}@${host}:6379`;
}

function tlsURL(host) {
  return "rediss://default:" + process.env.PW + "@" + host + ":6379";
}

exports.a = new Redis(plainURL("redis.example.com"));
exports.b = new Redis(plainURL(process.env.UPSTASH_REDIS_HOST));
exports.c = new Redis(tlsURL("fake-otter-12345.upstash.io"));
exports.d = new Redis(redisURL("fake-otter-12345.upstash.io", "rediss"));
exports.e = new Redis(plainURL("fly-fake-otter-12345.upstash.io"));
