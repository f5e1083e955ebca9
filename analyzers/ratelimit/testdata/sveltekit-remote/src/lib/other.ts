// Not a .remote.ts module: a query() here is something else.
import { redis } from "./redis";
const query = (f: () => unknown) => f;
export const notRemote = query(async () => redis.get("y"));
