import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { redis } from "~/redis.server";

export const loader = async () => json({ views: await redis.incr("views") });

export default function Index() {
  const { views } = useLoaderData<typeof loader>();
  return <p>{views} views</p>;
}
