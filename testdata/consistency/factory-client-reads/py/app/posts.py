from app.cache import get_redis


def save_post(post_id: str, title: str) -> None:
    get_redis().hset(f"post:{post_id}", values={"title": title})
