import { useEffect, useState } from "react";

// An Astro/Vite island: its effects run only in the browser, so the public
// token is in the bundle even without a "use client" directive.
const URL = import.meta.env.PUBLIC_UPSTASH_REDIS_REST_URL;
const TOKEN = import.meta.env.PUBLIC_UPSTASH_REDIS_REST_TOKEN; // want "UPS202"

export default function ViewCounter({ slug }: { slug: string }) {
  const [n, setN] = useState<number | null>(null);
  useEffect(() => {
    fetch(`${URL}/incr/views:${slug}`, { headers: { Authorization: `Bearer ${TOKEN}` } })
      .then((r) => r.json())
      .then((j) => setN(j.result));
  }, [slug]);
  return <span>{n}</span>;
}
