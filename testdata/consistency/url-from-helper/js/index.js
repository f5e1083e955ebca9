const Redis = require("ioredis");

function redisURL(host) {
  return `redis://default:${process.env.PW}@${host}:6379`;
}

const plainURL = (host) => "redis://default:" + process.env.PW + "@" + host + ":6379";

const UPSTASH_HOST = "fake-otter-12345.upstash.io";

function defaultURL() {
  return `redis://default:${process.env.PW}@${UPSTASH_HOST}:6379`; // want "UPS301"
}

function connect(url) {
  return new Redis(url);
}

exports.a = new Redis(redisURL("fake-otter-12345.upstash.io")); // want "UPS301"
exports.b = new Redis(plainURL("fake-otter-12345.upstash.io")); // want "UPS301"
exports.c = connect(redisURL("fake-otter-12345.upstash.io")); // want "UPS301"
exports.d = connect(defaultURL());
