from flask import Flask, request, jsonify
from ratelimit_util import check_rate_limit, redis

app = Flask(__name__)


@app.route("/chat", methods=["POST"])
def chat():
    allowed, reset = check_rate_limit(request)
    if not allowed:
        return jsonify({"error": "too many"}), 429
    redis.lpush("msgs", request.json["text"])
    return jsonify({"ok": True})


@app.route("/log", methods=["POST"])
def log():
    check_rate_limit(request)
    redis.lpush("logs", request.json["text"])
    return jsonify({"ok": True})
