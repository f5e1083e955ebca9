import os

import redis

a = redis.from_url(os.environ["UPSTASH_REDIS_URL"], ssl_cert_reqs=None)  # want "UPS302"
b = redis.from_url(os.getenv("KV_URL"), ssl_check_hostname=False)  # want "UPS302"
c = redis.Redis(host=os.environ["UPSTASH_REDIS_HOST"], port=6379, password=os.environ["PW"], ssl=True, ssl_cert_reqs="none")  # want "UPS302"

url = os.environ["UPSTASH_REDIS_URL"]
d = redis.Redis.from_url(url, ssl_cert_reqs=None)  # want "UPS302"
