const { Client, Receiver } = require("@upstash/qstash");

// The local QStash dev server (npx @upstash/qstash-cli dev) and its public credentials.
exports.qstash = new Client({ baseUrl: "http://127.0.0.1:8080", token: "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=" });
exports.receiver = new Receiver({ currentSigningKey: "sig_7GVPjvuwsfqF65iC8fSrs1dfYruM", nextSigningKey: "sig_5NoELc3EFnZn4DVS5bDs2Nk4b7Ua" });
