export async function POST(req: Request) { // want "UPS504"
  const job = await req.json();
  console.log("job", job.id);
  return new Response("ok");
}
