import { Client, Receiver } from "@upstash/qstash";

// The local QStash dev server (npx @upstash/qstash-cli dev) and its public credentials.
export const qstash = new Client({ baseUrl: "http://127.0.0.1:8080", token: "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=" });
export const receiver = new Receiver({ currentSigningKey: "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r", nextSigningKey: "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs" });
