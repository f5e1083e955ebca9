import { qstash } from "./qstash.js";
import { limitHook } from "./limit.js";

export default async function routes(fastify) {
  fastify.post("/jobs", async (request) => {
    return qstash.publishJSON({ url: "https://example.com/worker", body: request.body });
  });

  fastify.route({
    method: "POST",
    url: "/jobs/limited",
    preHandler: limitHook,
    handler: async (request) => qstash.publishJSON({ url: "https://example.com/worker", body: request.body }),
  });
}
