export async function GET(req: Request) {
  const auth = req.headers.get("authorization");
  console.log("cron run", Boolean(auth));
  return new Response("ok");
}
