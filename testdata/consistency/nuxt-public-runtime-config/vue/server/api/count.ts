export default defineEventHandler(async () => {
  const config = useRuntimeConfig();
  const res = await fetch(`https://fake-otter-12345.upstash.io/incr/count`, {
    headers: { Authorization: `Bearer ${config.redisToken}` },
  });
  return res.json();
});
