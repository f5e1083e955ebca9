export async function POST(req: Request) {
  const { id } = await req.json();
  console.log("not a QStash receiver", id);
  return new Response("ok");
}
