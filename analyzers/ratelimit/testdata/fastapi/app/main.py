from fastapi import FastAPI, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

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
