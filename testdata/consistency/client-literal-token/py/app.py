# Server code (a Python app): the credential finding only.
TOKEN = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"  # want "UPS101"
