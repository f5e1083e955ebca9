from flask import Flask, request, abort
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from upstash_redis import Redis

redis = Redis.from_env()
admin = Flask("admin")

# No default limits: only decorated routes are limited.
limiter = Limiter(get_remote_address)
limiter.init_app(admin)


@admin.post("/login")
@limiter.limit("5 per minute")
def login():
    redis.incr("logins")
    return {"ok": True}


@admin.get("/stats")
def stats():
    return {"logins": redis.get("logins")}


@admin.post("/vote")
def vote():
    key = f"votes:{request.remote_addr}"
    count = redis.incr(key)
    if count == 1:
        redis.expire(key, 60)
    if count > 3:
        abort(429)
    redis.zincrby("poll", 1, request.form["choice"])
    return {"ok": True}


@admin.post("/visit")
def visit():
    key = f"visits:{request.remote_addr}"
    seen = redis.incr(key)
    redis.expire(key, 3600)
    return {"seen": seen}


@admin.post("/ask")
def ask():
    # Check, then count: the count is read with GET and compared first.
    key = f"quota:{request.remote_addr}"
    count = int(redis.get(key) or 0)
    if count >= 5:
        abort(429)
    redis.incr(key)
    redis.expire(key, 86400)
    return {"ok": True}


@admin.post("/views")
def views():
    # Read and counted, never compared: statistics.
    key = f"views:{request.form['page']}"
    count = int(redis.get(key) or 0)
    redis.incr(key)
    redis.expire(key, 86400)
    return {"views": count + 1}
