// A helper no client module of the scan imports, calling the REST API by hand.
export async function count(): Promise<number> {
  const res = await fetch(`${process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL}/scard/waitlist`, {
    headers: { Authorization: `Bearer ${process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN}` }, // want "UPS202"
  });
  return (await res.json()).result;
}

// The public URL alone is no secret.
export const endpoint = process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL;
