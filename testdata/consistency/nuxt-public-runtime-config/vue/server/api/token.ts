export default defineEventHandler(() => {
  const { public: pub } = useRuntimeConfig();
  return { ok: Boolean(useRuntimeConfig().public.upstashToken) }; // want "UPS202"
});
