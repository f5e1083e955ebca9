/** @type {import('next').NextConfig} */
const nextConfig = {
  // Planted: the env block is inlined into every bundle (UPS203).
  env: {
    APP_NAME: "fixture",
    UPSTASH_REDIS_REST_TOKEN: process.env.UPSTASH_REDIS_REST_TOKEN,
  },
};

export default nextConfig;
