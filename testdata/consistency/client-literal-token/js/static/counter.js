const TOKEN = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"; // want "UPS101" "UPS202"
fetch("https://fake-otter-12345.upstash.io/incr/v", { headers: { Authorization: "Bearer " + TOKEN } });
