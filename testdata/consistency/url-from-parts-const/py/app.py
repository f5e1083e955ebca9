import os

import redis

UPSTASH_HOST = "fake-otter-12345.upstash.io"
PORT = 6379

a = redis.from_url("redis://default:" + os.environ["PW"] + "@" + UPSTASH_HOST + ":" + str(PORT))  # want "UPS301"
b = redis.from_url(f"redis://default:{os.environ['PW']}@{UPSTASH_HOST}:{PORT}")  # want "UPS301"
c = redis.from_url(f"rediss://default:{os.environ['PW']}@{UPSTASH_HOST}:{PORT}")
