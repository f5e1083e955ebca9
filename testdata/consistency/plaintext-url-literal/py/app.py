import redis

r = redis.from_url("redis://fake-otter-12345.upstash.io:6379")  # want "UPS301"
