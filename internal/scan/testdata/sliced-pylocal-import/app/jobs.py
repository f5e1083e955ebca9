"""Nightly jobs, started by a QStash schedule.

reset_views imports the shared client inside the function: its write
(kv.delete) is what keeps app/store.py's client off the read-only token
advice (UPS501), so the slice must keep the function.
"""
import logging

log = logging.getLogger(__name__)


def chunked(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def reset_views(pages):
    from app.store import kv

    for page in pages:
        kv.delete(f"views:{page}")


def summarize(rows):
    total = 0
    for row in rows:
        total += row["n"]
    return {"total": total, "count": len(rows), "mean": total / max(len(rows), 1)}
