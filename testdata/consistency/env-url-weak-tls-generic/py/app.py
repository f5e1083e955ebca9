import os

import redis

a = redis.from_url(os.environ["REDIS_URL"], ssl_cert_reqs=None)
b = redis.from_url(os.environ["UPSTASH_REDIS_URL"], ssl_cert_reqs="required")
c = redis.from_url(os.environ["UPSTASH_REDIS_URL"], ssl_check_hostname=True)
