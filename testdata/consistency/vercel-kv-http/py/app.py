import os

from upstash_redis import Redis

kv = Redis(url="http://fake-otter-12345.kv.vercel-storage.com", token=os.environ["KV_REST_API_TOKEN"])  # want "UPS301"
