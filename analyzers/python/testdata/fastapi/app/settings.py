import os

# PLANTED UPS301: Django cache over plaintext redis:// to Upstash.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://default:changeme@fake-otter-12345.upstash.io:6379",
    }
}

# PLANTED UPS302: Celery broker with certificate checks off.
CELERY_BROKER_URL = "rediss://default:changeme@fake-otter-12345.upstash.io:6379?ssl_cert_reqs=none"

# Secure: TLS URL, verified.
CELERY_RESULT_BACKEND = "rediss://fake-otter-12345.upstash.io:6379?ssl_cert_reqs=required"

UPSTASH_VECTOR_REST_URL = os.environ["UPSTASH_VECTOR_REST_URL"]
