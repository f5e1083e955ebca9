from flask import Flask, request
from upstash_redis import Redis

redis = Redis.from_env()
app = Flask(__name__)


@app.post("/visit")
def visit():  # want "UPS401"
    key = f"visits:{request.remote_addr}"
    seen = redis.incr(key)
    redis.expire(key, 3600)
    return {"seen": seen}
