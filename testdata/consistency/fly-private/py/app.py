import os

import redis

r = redis.from_url("redis://fly-fake-otter-12345.upstash.io:6379", password=os.environ["PW"])
r2 = redis.Redis(host="fly-fake-otter-12345.upstash.io", port=6379, password=os.environ["PW"])
