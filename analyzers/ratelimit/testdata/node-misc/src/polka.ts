import polka from "polka";
import { redis } from "./redis";

const app = polka();
app.get("/p", async (req, res) => {
  res.end(String(await redis.incr("p")));
});
app.listen(3000);
