import os

from upstash_redis import Redis

kv = Redis(url=os.environ["UPSTASH_REDIS_REST_URL"], token=os.environ["UPSTASH_REDIS_REST_TOKEN"])


def views(page):
    return kv.get(f"views:{page}")
