import Fastify from "fastify";
import routes from "./routes.js";

const fastify = Fastify();

fastify.get("/status", async () => ({ ok: true }));

fastify.register(routes, { prefix: "/v1" });

await fastify.listen({ port: 3000 });
