const { Router } = require("express");
const { redis } = require("../lib/redis");

const router = Router();

router.get("/counter", async (req, res) => {
  res.json({ count: await redis.incr("counter") });
});

module.exports = router;
