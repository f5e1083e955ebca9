from flask import Flask, jsonify
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from upstash_redis import Redis

app = Flask(__name__)
redis = Redis.from_env()
limiter = Limiter(get_remote_address, app=app, default_limits=["100 per hour"])


@app.route("/hits")
def hits():
    return jsonify(count=redis.incr("hits"))
