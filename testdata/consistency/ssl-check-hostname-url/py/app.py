import os

import redis

a = redis.from_url("rediss://fake-otter-12345.upstash.io:6379?ssl_check_hostname=false", password=os.environ["PW"])  # want "UPS302"
b = redis.from_url(f"rediss://default:{os.environ['PW']}@fake-otter-12345.upstash.io:6379?ssl_cert_reqs=none")  # want "UPS302"
c = redis.from_url("rediss://default:" + os.environ["PW"] + "@fake-otter-12345.upstash.io:6379?ssl_cert_reqs=CERT_NONE")  # want "UPS302"
