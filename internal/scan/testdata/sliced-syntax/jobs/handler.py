from upstash_redis import Redis

redis = Redis.from_env()


def page_bounds(page, size):
<<<<<<< HEAD
    return page * size, (page + 1) * size
=======
    return page * size, page * size + size - 1
>>>>>>> paging


def clamp(n, lo, hi):
    return min(hi, max(lo, n))


def handler(event, context):
    return redis.get("feed")
