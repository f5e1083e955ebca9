import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Redis } from "@upstash/redis";
import { Ratelimit } from "@upstash/ratelimit";

const redis = Redis.fromEnv();
const ratelimit = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(5, "1 m") });

const app = new OpenAPIHono();

const getUser = createRoute({
  method: "get",
  path: "/users/{id}",
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: { description: "a user" } },
});

app.openapi(getUser, async (c) => {
  const user = await redis.hgetall(`user:${c.req.param("id")}`);
  return c.json(user);
});

app.openapi(
  createRoute({ method: "post", path: "/users", responses: { 201: { description: "created" } } }),
  async (c) => {
    const { success } = await ratelimit.limit(c.req.header("x-forwarded-for") ?? "anon");
    if (!success) return c.text("slow down", 429);
    await redis.incr("users");
    return c.text("ok", 201);
  },
);

app.openapi(createRoute({ method: "get", path: "/health", responses: { 200: { description: "ok" } } }), (c) => c.text("ok"));

app.doc("/doc", { openapi: "3.0.0", info: { title: "x", version: "1" } });

export default app;
