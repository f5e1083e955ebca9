"use client";

// Client code reading a public variable that .env.production sets to a
// read-only token: low, at the read. The site name is no secret.
export function Badge() {
  const key = process.env.NEXT_PUBLIC_STATS_KEY; // want "UPS202"
  return <img alt={process.env.NEXT_PUBLIC_SITE_NAME} src={`/api/badge?_token=${key}`} />;
}
