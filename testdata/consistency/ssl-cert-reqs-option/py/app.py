import os
import ssl

import redis

r = redis.Redis(host="fake-otter-12345.upstash.io", port=6379, password=os.environ["PW"], ssl=True, ssl_cert_reqs=None)  # want "UPS302"
r2 = redis.Redis(host="fake-otter-12345.upstash.io", port=6379, password=os.environ["PW"], ssl=True, ssl_cert_reqs="none")  # want "UPS302"
r3 = redis.Redis(host="fake-otter-12345.upstash.io", port=6379, password=os.environ["PW"], ssl=True, ssl_cert_reqs=ssl.CERT_NONE)  # want "UPS302"
