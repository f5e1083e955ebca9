from flask import Blueprint, Flask, abort, request
from upstash_redis import Redis
from upstash_ratelimit import FixedWindow, Ratelimit

redis = Redis.from_env()
ratelimit = Ratelimit(redis=redis, limiter=FixedWindow(max_requests=5, window=60))

api = Blueprint("api", __name__, url_prefix="/api")


@api.route("/notes", methods=["POST"])
def add_note():
    response = ratelimit.limit(request.headers.get("X-Forwarded-For"))
    if not response.allowed:
        abort(429)
    redis.lpush("notes", request.get_data(as_text=True))
    return "", 201


@api.get("/notes")
def list_notes():
    return {"notes": redis.lrange("notes", 0, -1)}


app = Flask(__name__)
app.register_blueprint(api, url_prefix="/v2")
