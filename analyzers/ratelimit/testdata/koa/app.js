import Koa from "koa";
import Router from "@koa/router";
import { kv } from "@vercel/kv";

const app = new Koa();
const router = new Router({ prefix: "/api" });

router.get("/visits", async (ctx) => {
  ctx.body = { visits: await kv.incr("visits") };
});

app.use(router.routes());
app.listen(3000);
