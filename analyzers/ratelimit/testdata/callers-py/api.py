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


# signed-in: a route-level dependency runs before the handler.
@api.delete("/items/{item_id}", dependencies=[Depends(get_current_user)])
def delete_item(item_id: str):
    redis.srem("items", item_id)
    return {}
