import restify from "restify";
import { redis } from "./redis";

const server = restify.createServer();
server.post("/r", async (req, res) => {
  res.send(await redis.lpush("r", "x"));
});
server.listen(8080);
