"use client";

export function Views() {
  const load = () =>
    fetch("https://fake-otter-12345.upstash.io/get/views", {
      headers: { Authorization: "Bearer ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU" }, // want "UPS101" "UPS202"
    });
  return <button onClick={load}>views</button>;
}
