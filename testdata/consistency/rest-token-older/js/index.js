const { Redis } = require("@upstash/redis");

module.exports = new Redis({ url: "https://fake-otter-12345.upstash.io", token: "ATA5ACQgMGYwZjBmMGYtMTExMS00MjIyLTgzMzMtNDQ0NDU1NTU2NjY2ZGVhZGJlZWZjYWZlZjAwZDBiYWRjMGRlMTIzNDU2Nzg=" }); // want "UPS101"
