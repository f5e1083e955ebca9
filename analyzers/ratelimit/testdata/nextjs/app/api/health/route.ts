// Listed, never flagged: nothing here reaches Upstash.
export async function GET() {
  return Response.json({ ok: true });
}
