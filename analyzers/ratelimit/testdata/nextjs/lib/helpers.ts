// No SDK name in this file: the scan parses it because a route imports it.
import { getPosts } from "./data";

export async function listPosts() {
  const posts = await getPosts();
  return posts.map((p) => String(p).trim());
}
