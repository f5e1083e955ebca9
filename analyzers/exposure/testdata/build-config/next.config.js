/** @type {import('next').NextConfig} */
module.exports = {
  env: {
    UPSTASH_REDIS_REST_TOKEN: process.env.UPSTASH_REDIS_REST_TOKEN, // want "UPS203"
    KV_REST_API_READ_ONLY_TOKEN: process.env.KV_REST_API_READ_ONLY_TOKEN, // want "UPS203"
    APP_NAME: process.env.APP_NAME,
  },
};
