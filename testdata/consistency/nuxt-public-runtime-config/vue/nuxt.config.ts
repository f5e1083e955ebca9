export default defineNuxtConfig({
  runtimeConfig: {
    redisToken: process.env.UPSTASH_REDIS_REST_TOKEN,
    public: {
      siteName: "Counter",
      upstashToken: process.env.UPSTASH_REDIS_REST_TOKEN, // want "UPS203"
    },
  },
});
