const c={url:"https://fake-otter-12345.upstash.io",token:"ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"}; // want "UPS204"
fetch(c.url+"/incr/visits",{headers:{Authorization:"Bearer "+c.token}});
