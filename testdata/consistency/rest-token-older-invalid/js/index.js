// An ACQg token whose UUID is not a UUID is not an Upstash token layout.
const { Redis } = require("@upstash/redis");

module.exports = new Redis({ url: "https://fake-otter-12345.upstash.io", token: "ATA5ACQgMGYwZjBmMGYtMTExMS00MjIyLTgzMzMtNDQ0NDU1NTU2NjZ6ZGVhZGJlZWZjYWZlZjAwZDBiYWRjMGRlMTIzNDU2Nzg=" });
