const { Ratelimit } = require("@upstash/ratelimit");
const { Redis } = require("@upstash/redis");

const ratelimit = new Ratelimit({
  redis: Redis.fromEnv(),
  limiter: Ratelimit.fixedWindow(20, "60 s"),
});

async function upstashLimit(req, res, next) {
  const { success } = await ratelimit.limit(req.ip ?? "anonymous");
  if (!success) {
    return res.status(429).send("Too many requests");
  }
  next();
}

module.exports = { upstashLimit };
