import os

from upstash_redis import Redis

# Python is not bundled for browsers: a public-looking name is only a name here.
redis = Redis(url=os.environ["VITE_UPSTASH_REDIS_REST_URL"], token=os.environ["VITE_UPSTASH_REDIS_REST_TOKEN"])
redis.incr("visits")
