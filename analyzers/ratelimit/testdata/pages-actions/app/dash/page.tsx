// Calls Upstash while it renders: an endpoint.
import { redis } from "@/lib/redis";

export default async function Dash() {
  const n = await redis.get<number>("views");
  return <p>{n}</p>;
}
