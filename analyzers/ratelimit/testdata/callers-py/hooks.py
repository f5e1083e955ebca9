import hmac
import os

import stripe
from flask import Flask, abort, request
from upstash_redis import Redis

redis = Redis.from_env()
hooks = Flask(__name__)


# verified: construct_event raises on a bad signature.
@hooks.post("/stripe")
def stripe_hook():
    event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], os.environ["STRIPE_WEBHOOK_SECRET"])
    redis.set("event:" + event["id"], "1")
    return "", 204


# verified: an HMAC compared in constant time, a mismatch aborts.
@hooks.post("/github")
def github_hook():
    want = "sha256=" + hmac.new(os.environ["GITHUB_SECRET"].encode(), request.data, "sha256").hexdigest()
    if not hmac.compare_digest(want, request.headers.get("X-Hub-Signature-256", "")):
        abort(401)
    redis.lpush("pushes", request.data)
    return "", 204


# public: the comparison result is only logged.
@hooks.post("/loose")
def loose_hook():
    ok = hmac.compare_digest("a", request.headers.get("X-Sig", ""))
    print(ok)
    redis.lpush("loose", request.data)
    return "", 204
