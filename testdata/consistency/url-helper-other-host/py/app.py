import os

import redis


def plain_url(host):
    return f"redis://default:{os.environ['PW']}@{host}:6379"


def tls_url(host):
    return "rediss://default:" + os.environ["PW"] + "@" + host + ":6379"


a = redis.from_url(plain_url("redis.example.com"))
b = redis.from_url(plain_url(os.environ["UPSTASH_REDIS_HOST"]))
c = redis.from_url(tls_url("fake-otter-12345.upstash.io"))
e = redis.from_url(plain_url("fly-fake-otter-12345.upstash.io"))
