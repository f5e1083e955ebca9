from flask import Flask
from flask_login import login_required
from upstash_redis import Redis

redis = Redis.from_env()
app = Flask(__name__)


# signed-in: Flask-Login.
@app.post("/notes")
@login_required
def add_note():
    redis.lpush("notes", "x")
    return "", 201


# public.
@app.get("/notes")
def list_notes():
    return {"notes": redis.lrange("notes", 0, -1)}
