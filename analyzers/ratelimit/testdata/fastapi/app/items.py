from fastapi import APIRouter, HTTPException, Request

from app.cache import ratelimit, redis

router = APIRouter(prefix="/items")


@router.get("/{item_id}")
def read_item(item_id: str, request: Request):
    response = ratelimit.limit(request.client.host)
    if not response.allowed:
        raise HTTPException(status_code=429, detail="Too many requests")
    return redis.get(f"item:{item_id}")


@router.post("/")
def create_item(request: Request):
    ratelimit.limit("items")
    return redis.incr("items")
