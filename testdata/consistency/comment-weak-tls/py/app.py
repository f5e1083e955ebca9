import os

import redis

r = redis.Redis.from_url(
    os.environ["REDIS_URL"],
    ssl_cert_reqs=None,  # want "UPS302"
    # needed for Upstash
)
