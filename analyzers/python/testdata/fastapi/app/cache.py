"""Redis clients for the FastAPI fixture (FAKE hosts and credentials)."""
import os

import redis
from upstash_redis import Redis
from upstash_redis.asyncio import Redis as AsyncRedis

# REST client from the SDK's default env names: secure.
redis_client = Redis.from_env()

# Read-only REST client for the public leaderboard.
reader = Redis(
    url=os.environ["UPSTASH_REDIS_REST_URL"],
    token=os.environ.get("UPSTASH_REDIS_REST_READONLY_TOKEN"),
)

# Async REST client.
async_client = AsyncRedis.from_env()

# PLANTED UPS303: redis-py TCP client to an Upstash host without ssl=True.
sessions = redis.Redis(
    host="fake-otter-12345.upstash.io",
    port=6379,
    password=os.environ["UPSTASH_REDIS_PASSWORD"],
)

# Secure TCP client: rediss:// URL, certificates verified.
queue = redis.from_url(os.environ.get("REDIS_URL", "rediss://fake-otter-12345.upstash.io:6379"))

# PLANTED UPS302: verification switched off on an Upstash host.
insecure = redis.StrictRedis(
    host="fake-otter-12345.upstash.io",
    port=6379,
    password=os.getenv("UPSTASH_REDIS_PASSWORD"),
    ssl=True,
    ssl_cert_reqs=None,
)

# Fly.io private network: redis:// is how Fly documents it, not a finding.
fly = redis.from_url("redis://default:changeme@fly-fake-otter.upstash.io:6379")


def top_scores(n: int):
    return reader.zrange("scores", 0, n, withscores=True)
