"""Nightly jobs, started by a QStash schedule.

The shared client is imported in a try block: purge uses the imported
name, and its write (kv.delete) keeps app/store.py's client off the
read-only token advice (UPS501), so the slice must keep it.
"""
try:
    from app.store import kv
except ImportError:  # run as a script
    from store import kv


def chunked(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def purge(pages):
    for page in pages:
        kv.delete(f"views:{page}")


def summarize(rows):
    total = 0
    for row in rows:
        total += row["n"]
    return {"total": total, "count": len(rows), "mean": total / max(len(rows), 1)}
