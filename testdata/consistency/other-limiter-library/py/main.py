from fastapi import FastAPI, Request
from slowapi import Limiter
from slowapi.util import get_remote_address
from upstash_redis import Redis

redis = Redis.from_env()
limiter = Limiter(key_func=get_remote_address)
app = FastAPI()
app.state.limiter = limiter


@app.post("/feed")
@limiter.limit("5/minute")
async def feed(request: Request):
    return {"size": redis.lpush("feed", request.url.path)}
