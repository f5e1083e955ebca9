export default defineNuxtConfig({
  runtimeConfig: {
    upstashToken: process.env.UPSTASH_REDIS_REST_TOKEN,
    public: {
      upstashToken: process.env.UPSTASH_REDIS_REST_TOKEN, // want "UPS203"
    },
  },
});
