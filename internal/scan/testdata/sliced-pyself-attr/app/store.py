"""A Store builds the client; a Counter is handed it and stores it on the
same attribute. The Python front-end keys self.kv by name across the
module, so Counter's write (incr) keeps Store's client off the read-only
token advice (UPS501): the slice keeps the two classes together.
"""
from upstash_redis import Redis


class Store:
    def __init__(self):
        self.kv = Redis.from_env()

    def views(self, page):
        return self.kv.get(f"views:{page}")


def chunked(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


class Counter:
    def __init__(self, store):
        self.kv = store.kv

    def bump(self, page):
        self.kv.incr(f"views:{page}")


def summarize(rows):
    total = 0
    for row in rows:
        total += row["n"]
    return {"total": total, "count": len(rows), "mean": total / max(len(rows), 1)}
