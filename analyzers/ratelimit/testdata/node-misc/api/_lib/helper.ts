// api/_* files are not functions.
import { redis } from "../../src/redis";
export default async function helper() {
  return redis.get("x");
}
