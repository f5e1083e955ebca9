import { redis } from "@/lib/redis";

// Limited by middleware.ts: its matcher covers /api/limited/:path*.
export async function GET(_request: Request, { params }: { params: { id: string } }) {
  return Response.json(await redis.get(`item:${params.id}`));
}
