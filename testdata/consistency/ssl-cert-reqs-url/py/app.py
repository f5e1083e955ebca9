import os

import redis

r = redis.from_url("rediss://fake-otter-12345.upstash.io:6379?ssl_cert_reqs=none", password=os.environ["PW"])  # want "UPS302"
