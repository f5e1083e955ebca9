import { defineConfig, loadEnv } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), "");
  return {
    plugins: [react()],
    // Planted: define copies a server-only token into client code (UPS203).
    define: {
      __APP_VERSION__: JSON.stringify("1.0.0"),
      __UPSTASH_TOKEN__: JSON.stringify(env.UPSTASH_REDIS_REST_TOKEN),
    },
  };
});
