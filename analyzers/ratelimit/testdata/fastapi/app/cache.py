from upstash_redis import Redis
from upstash_ratelimit import Ratelimit, SlidingWindow

redis = Redis.from_env()
ratelimit = Ratelimit(redis=redis, limiter=SlidingWindow(max_requests=10, window=10))
