// Loaded by index.html's <script src>: runs in every visitor's browser.
const redisToken = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"; // want "UPS101" "UPS202"
fetch("https://fake-otter-12345.upstash.io/get/visits", { headers: { Authorization: "Bearer " + redisToken } });
