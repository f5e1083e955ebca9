// @flow
// A Flow-typed module: the JavaScript grammar reads its annotations as
// syntax errors, so a whole parse loses facts that a sliced parse, leaving
// the annotated helpers out, would keep. The slice parses it whole.
import { Redis } from "@upstash/redis";

const redis = Redis.fromEnv();

type Row = { id: string, views: number };

function totalViews(rows: Array<Row>): number {
  let sum = 0;
  for (const row of rows) {
    sum += row.views;
  }
  return sum;
}

function label(n: number): string {
  return n < 1000 ? String(n) : (n / 1000).toFixed(1) + "k";
}

export async function GET() {
  return Response.json(await redis.get("views"));
}
