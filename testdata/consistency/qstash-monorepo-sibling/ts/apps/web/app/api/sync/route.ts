export async function POST(req: Request) {
  const body = await req.json();
  console.log("sync", body);
  return new Response("ok");
}
