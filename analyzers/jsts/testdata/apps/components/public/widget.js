// A static script served as is: browser code by its location.
const REDIS_URL = "https://fake-otter-12345.upstash.io";
fetch(REDIS_URL + "/get/views", { headers: { Authorization: "Bearer " + window.UPSTASH_TOKEN } });
