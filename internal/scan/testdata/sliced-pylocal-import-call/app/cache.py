from upstash_redis import Redis


def get_kv():
    return Redis.from_env()
