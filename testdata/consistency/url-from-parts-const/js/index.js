const Redis = require("ioredis");

const UPSTASH_HOST = "fake-otter-12345.upstash.io";
const PORT = 6379;

exports.a = new Redis("redis://default:" + process.env.PW + "@" + UPSTASH_HOST + ":" + PORT); // want "UPS301"
exports.b = new Redis(`redis://default:${process.env.PW}@${UPSTASH_HOST}:${PORT}`); // want "UPS301"
exports.c = new Redis(`rediss://default:${process.env.PW}@${UPSTASH_HOST}:${PORT}`);
