from app.cache import redis


def get_post(post_id: str):
    return redis.hgetall(f"post:{post_id}")


def save_post(post_id: str, title: str) -> None:
    redis.hset(f"post:{post_id}", values={"title": title})
