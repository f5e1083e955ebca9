from fastapi import Depends, FastAPI, HTTPException, Request
from slowapi import Limiter
from slowapi.util import get_remote_address
from upstash_ratelimit import FixedWindow, Ratelimit

from app.cache import redis
from app.items import router

app = FastAPI()
limiter = Limiter(key_func=get_remote_address)
app.include_router(router, prefix="/v1")


@app.get("/")
def root():
    return {"hits": redis.incr("hits")}


@app.get("/slow")
@limiter.limit("5/minute")
def slow(request: Request):
    return {"value": redis.get("slow")}


@app.get("/health")
def health():
    return {"ok": True}


top_limit = Ratelimit(redis=redis, limiter=FixedWindow(max_requests=10, window=60))


def rate_limited(request: Request):
    if not top_limit.limit(request.client.host).allowed:
        raise HTTPException(status_code=429)


# limited: a route-level dependency runs before the handler.
@app.get("/top", dependencies=[Depends(rate_limited)])
def top():
    return {"top": redis.zrange("scores", 0, 9)}
