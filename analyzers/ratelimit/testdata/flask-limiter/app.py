from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from upstash_redis import Redis

redis = Redis.from_env()
app = Flask(__name__)

# Every route of app gets the default limits.
limiter = Limiter(get_remote_address, app=app, default_limits=["200 per day", "50 per hour"])


@app.get("/notes")
def list_notes():
    return {"notes": redis.lrange("notes", 0, -1)}


@app.post("/notes")
def add_note():
    redis.lpush("notes", request.get_data(as_text=True))
    return {"ok": True}
