fetch("https://fake-otter-12345.upstash.io/get/pages", { headers: { Authorization: "Bearer ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU" } }); // want "UPS101" "UPS202"
