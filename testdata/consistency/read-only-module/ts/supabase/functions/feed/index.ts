import { Redis } from "https://esm.sh/@upstash/redis@1.34.0";

const redis = new Redis({ url: Deno.env.get("UPSTASH_REDIS_REST_URL")!, token: Deno.env.get("UPSTASH_REDIS_REST_TOKEN")! }); // want "UPS501"

Deno.serve(async () => { // want "UPS401"
  const posts = await redis.lrange("feed", 0, 19);
  return Response.json(posts);
});
