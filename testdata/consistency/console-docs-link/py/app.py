CONSOLE_URL = "http://console.upstash.io/redis"
DOCS_URL = "http://docs.upstash.com/redis/overall/getstarted"


def missing_database() -> Exception:
    return RuntimeError(f"No database: create one at {CONSOLE_URL}, see {DOCS_URL}")
