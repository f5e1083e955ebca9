import { Counter } from "../../components/Counter";
import { redis } from "../../lib/redis";

// A server component that reads Redis while rendering: UPS401.
export default async function Stats() {
  const views = await redis.incr("views:stats");
  return (
    <main>
      <p>{views}</p>
      <Counter />
    </main>
  );
}
