import { redis } from "@acme/cache";

export async function setFlag(name: string, on: boolean) {
  await redis.hset("flags", { [name]: on });
}
