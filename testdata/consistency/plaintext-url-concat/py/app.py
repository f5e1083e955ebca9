import os

import redis

r = redis.from_url("redis://default:" + os.environ["PW"] + "@fake-otter-12345.upstash.io:6379")  # want "UPS301"
