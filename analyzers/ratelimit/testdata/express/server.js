const express = require("express");
const rateLimit = require("express-rate-limit");
const apiRouter = require("./routes/api");
const publicRouter = require("./routes/public");
const { redis } = require("./lib/redis");

const app = express();
app.use(express.json());

app.use("/api", apiRouter);
app.use("/public", publicRouter);

const legacyLimiter = rateLimit({ windowMs: 60_000, limit: 30 });

// Limited by express-rate-limit: not Upstash.
app.get("/legacy", legacyLimiter, async (req, res) => {
  res.json(await redis.get("legacy"));
});

app.route("/book")
  .get(async (req, res) => res.json(await redis.hgetall("book")))
  .post((req, res) => res.status(204).end());

app.listen(3000);
