import { defineConfig } from "vite";

export default defineConfig({
  envPrefix: ["VITE_", "UPSTASH_"], // want "UPS203"
  define: {
    __UPSTASH_TOKEN__: JSON.stringify(process.env.UPSTASH_REDIS_REST_TOKEN), // want "UPS203"
    __APP_VERSION__: JSON.stringify("1.0.0"),
    "process.env": process.env, // want "UPS203"
  },
});
