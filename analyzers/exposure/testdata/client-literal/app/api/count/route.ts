// A route handler: server code, a credential finding only.
export async function GET() {
  const res = await fetch("https://fake-otter-12345.upstash.io/get/views", {
    headers: { Authorization: "Bearer ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU" }, // want "UPS101"
  });
  return Response.json(await res.json());
}
