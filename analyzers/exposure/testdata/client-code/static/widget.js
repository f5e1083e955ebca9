import { Redis } from "@upstash/redis";

const redis = new Redis({ url: "https://fake-otter-12345.upstash.io", token: "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU" }); // want "UPS101" "UPS202"
redis.incr("widget");
