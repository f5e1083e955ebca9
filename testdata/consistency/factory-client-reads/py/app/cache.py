from upstash_redis import Redis


def get_redis() -> Redis:
    return Redis.from_env()
