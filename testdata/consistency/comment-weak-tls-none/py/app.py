import os

import redis

# Upstash is used elsewhere in the app.
r = redis.Redis.from_url(os.environ["REDIS_URL"], ssl_cert_reqs=None)
