import os

import redis
from upstash_redis import Redis

rest = Redis(url="https://fake-otter-12345.upstash.io", token=os.environ["UPSTASH_REDIS_REST_TOKEN"])
tcp = redis.from_url("rediss://default:" + os.environ["PW"] + "@fake-otter-12345.upstash.io:6379")
tcp2 = redis.from_url(f"rediss://default:{os.environ['PW']}@fake-otter-12345.upstash.io:6379")
