const redis={url:"https://fake-otter-12345.upstash.io",token:"ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"}; // want "UPS101"
