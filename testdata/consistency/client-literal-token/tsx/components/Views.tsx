"use client";
const TOKEN = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"; // want "UPS101" "UPS202"
export function Views() {
  return <button onClick={() => fetch("https://fake-otter-12345.upstash.io/incr/v", { headers: { Authorization: "Bearer " + TOKEN } })}>+1</button>;
}
