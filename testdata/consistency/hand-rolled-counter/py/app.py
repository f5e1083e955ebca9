from flask import Flask, abort, request
from upstash_redis import Redis

redis = Redis.from_env()
app = Flask(__name__)


@app.post("/vote")
def vote():
    key = f"rl:{request.remote_addr}"
    count = redis.incr(key)
    if count == 1:
        redis.expire(key, 60)
    if count > 10:
        abort(429)
    redis.zincrby("poll", 1, request.args["choice"])
    return "ok"
