import redis

from app.config import settings

a = redis.from_url(settings.upstash_redis_url, ssl_cert_reqs=None)  # want "UPS302"
b = redis.from_url(settings.UPSTASH_REDIS_URL, ssl_check_hostname=False)  # want "UPS302"
c = redis.from_url(settings.redis_url, ssl_cert_reqs=None)
