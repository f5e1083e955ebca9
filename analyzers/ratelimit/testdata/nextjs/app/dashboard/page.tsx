import { getPosts } from "@/lib/data";

// Rendered on every request; middleware.ts covers /dashboard.
export default async function Dashboard() {
  const posts = await getPosts();
  return <ul>{posts.map((p) => <li key={String(p)}>{String(p)}</li>)}</ul>;
}
