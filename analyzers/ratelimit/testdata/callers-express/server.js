const express = require("express");
const passport = require("passport");
const { redis } = require("./lib/redis");
const { checkToken, readToken } = require("./middleware/auth");

const app = express();

// signed-in: a JWT check as route middleware.
app.get("/me", checkToken, async (req, res) => {
  res.json(await redis.get(`user:${req.user.id}`));
});

// public: the middleware only reads an optional token.
app.get("/feed", readToken, async (req, res) => {
  res.json(await redis.lrange("feed", 0, 20));
});

// signed-in: passport.authenticate.
app.post("/notes", passport.authenticate("jwt", { session: false }), async (req, res) => {
  await redis.lpush("notes", req.body);
  res.status(201).end();
});

// verified: an internal API key compared with an env secret.
app.post("/internal/flush", async (req, res) => {
  if (req.get("x-api-key") !== process.env.INTERNAL_API_KEY) {
    return res.status(403).end();
  }
  await redis.flushdb();
  res.end();
});

app.listen(3000);
