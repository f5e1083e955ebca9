"""views binds the Upstash client the imported get_kv returns to a local; merge_counts
has a dict of the same name. The Python front-end binds names module-wide,
so a whole parse reads merge_counts' pop as a command on that client: the
slice keeps the functions that use a name bound to an imported call.
"""
from app.cache import get_kv


def views(page):
    kv = get_kv()
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
