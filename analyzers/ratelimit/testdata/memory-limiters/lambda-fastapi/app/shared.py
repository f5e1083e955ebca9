from fastapi import FastAPI, Request
from slowapi import Limiter
from slowapi.util import get_remote_address
from upstash_redis import Redis

# A shared store: counts hold across instances.
limiter = Limiter(key_func=get_remote_address, storage_uri="redis://cache.internal:6379")
shared = FastAPI()
redis = Redis.from_env()


@shared.get("/shared")
@limiter.limit("5/minute")
async def read_shared(request: Request):
    return {"v": redis.get("shared")}
