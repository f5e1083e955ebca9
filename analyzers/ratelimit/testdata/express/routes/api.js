const express = require("express");
const { redis } = require("../lib/redis");
const { upstashLimit } = require("../middleware/ratelimit");

const router = express.Router();

router.get("/status", (req, res) => res.json({ ok: true }));

// Everything registered after this line is limited.
router.use(upstashLimit);

router.get("/items/:id", async (req, res) => {
  res.json(await redis.get(`item:${req.params.id}`));
});

router.post("/items", async (req, res) => {
  await redis.set(`item:${req.body.id}`, JSON.stringify(req.body));
  res.status(201).end();
});

module.exports = router;
