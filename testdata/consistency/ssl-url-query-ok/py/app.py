import os

import redis

a = redis.from_url("rediss://fake-otter-12345.upstash.io:6379?ssl_check_hostname=true", password=os.environ["PW"])
b = redis.from_url(f"rediss://default:{os.environ['PW']}@fake-otter-12345.upstash.io:6379?ssl_cert_reqs=required")
