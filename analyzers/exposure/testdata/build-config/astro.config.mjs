import { defineConfig, envField } from "astro/config";

export default defineConfig({
  env: {
    schema: {
      UPSTASH_REDIS_REST_TOKEN: envField.string({ context: "client", access: "public" }), // want "UPS203"
      UPSTASH_REDIS_REST_URL: envField.string({ context: "server", access: "secret" }),
      KV_REST_API_TOKEN: envField.string({ context: "server", access: "secret" }),
    },
  },
});
