// No client code imports this module: a lower severity, but still a finding.
const { Redis } = require("@upstash/redis");

module.exports.redis = new Redis({ url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN }); // want "UPS202"
