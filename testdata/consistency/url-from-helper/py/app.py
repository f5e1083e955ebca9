import os

import redis


def redis_url(host):
    return f"redis://default:{os.environ['PW']}@{host}:6379"


def plain_url(host):
    return "redis://default:" + os.environ["PW"] + "@" + host + ":6379"


UPSTASH_HOST = "fake-otter-12345.upstash.io"


def default_url():
    return f"redis://default:{os.environ['PW']}@{UPSTASH_HOST}:6379"  # want "UPS301"


def connect(url):
    return redis.from_url(url)


a = redis.from_url(redis_url("fake-otter-12345.upstash.io"))  # want "UPS301"
b = redis.from_url(plain_url("fake-otter-12345.upstash.io"))  # want "UPS301"
c = connect(redis_url("fake-otter-12345.upstash.io"))  # want "UPS301"
d = connect(default_url())
