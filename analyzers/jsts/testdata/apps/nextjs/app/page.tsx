import { redis } from "@/lib/redis";
import { Counter } from "@/components/Counter";
import { Clicks } from "@/components/Clicks";

export default async function Home() {
  const views = await redis.incr("views");
  return (
    <main>
      <p>{views} views</p>
      <Counter />
      <Clicks />
    </main>
  );
}
