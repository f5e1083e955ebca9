export const CONSOLE_URL = "http://console.upstash.io/redis";
export const DOCS_URL = "http://docs.upstash.com/redis/overall/getstarted";

export function missingDatabase(): Error {
  return new Error(`No database: create one at ${CONSOLE_URL}, see ${DOCS_URL}`);
}
