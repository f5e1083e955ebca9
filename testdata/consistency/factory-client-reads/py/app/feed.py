from app.cache import get_redis  # want "UPS501"


def latest_posts():
    redis = get_redis()
    ids = redis.zrange("posts:by-date", 0, 9, rev=True)
    return [get_redis().hgetall(f"post:{i}") for i in ids]
