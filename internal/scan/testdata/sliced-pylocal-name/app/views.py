"""page_views builds its client in a local; merge_counts has a dict of the
same name. The Python front-end binds names module-wide, so a whole parse
reads merge_counts' pop and clear as commands on the client: the slice
keeps the functions that use a name a keyword line assigns.
"""
from upstash_redis import Redis


def page_views(page):
    kv = Redis.from_env()
    return kv.get(f"views:{page}")


def merge_counts(rows):
    kv = {}
    for row in rows:
        kv.setdefault(row["k"], 0)
        kv.pop("tmp", None)
    return kv


def chunked(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def summarize(rows):
    total = 0
    for row in rows:
        total += row["n"]
    return {"total": total, "count": len(rows), "mean": total / max(len(rows), 1)}
