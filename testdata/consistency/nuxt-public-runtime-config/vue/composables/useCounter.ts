export function useCounterToken() {
  return useRuntimeConfig().public.upstashToken; // want "UPS202"
}
