import { procedure, router } from "../trpc";
import { redis } from "../../lib/redis";

export const counterRouter = router({
  hit: procedure.mutation(() => redis.incr("hits")),
  read: procedure.query(() => redis.get("hits")),
});
