from fastapi import Depends, FastAPI
from upstash_redis import Redis

from .deps import get_current_user

redis = Redis.from_env()
api = FastAPI()


# signed-in, guessed from the dependency's name.
@api.post("/items")
def add_item(user=Depends(get_current_user)):
    redis.sadd("items", user.id)
    return {}


# public: a dependency that is not a guard.
@api.get("/items")
def list_items(db=Depends(get_db)):
    return redis.smembers("items")


def get_db():
    return None
