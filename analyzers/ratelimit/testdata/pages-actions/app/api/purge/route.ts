// Calls the "use server" helper directly: the helper is server code of this
// route, not an endpoint of its own.
import { purge } from "@/lib/server-helper";

export async function POST() {
  await purge();
  return new Response("ok");
}
