export async function POST(req: Request) { // want "UPS504"
  const { id } = await req.json();
  console.log("building report", id);
  return new Response("ok");
}
