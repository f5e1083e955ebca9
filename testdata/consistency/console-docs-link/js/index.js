const CONSOLE_URL = "http://console.upstash.io/redis";
const DOCS_URL = "http://docs.upstash.com/redis/overall/getstarted";

module.exports = function missingDatabase() {
  return new Error(`No database: create one at ${CONSOLE_URL}, see ${DOCS_URL}`);
};
