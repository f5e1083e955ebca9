// Not loaded by any page: a script run by hand with node, a credential finding only.
const redisToken = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"; // want "UPS101"
fetch("https://fake-otter-12345.upstash.io/set/visits/0", { headers: { Authorization: "Bearer " + redisToken } });
