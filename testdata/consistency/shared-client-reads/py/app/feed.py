from app.cache import redis  # want "UPS501"


def latest_posts():
    ids = redis.zrange("posts:by-date", 0, 9, rev=True)
    return [redis.hgetall(f"post:{i}") for i in ids]
