import os

import redis

r = redis.Redis(host="fake-otter-12345.upstash.io", port=6379, password=os.environ["PW"])  # want "UPS303"
