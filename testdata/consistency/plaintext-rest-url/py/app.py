import os

from upstash_redis import Redis

redis = Redis(url="http://fake-otter-12345.upstash.io", token=os.environ["UPSTASH_REDIS_REST_TOKEN"])  # want "UPS301"
