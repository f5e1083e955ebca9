from fastapi import FastAPI, Request
from mangum import Mangum
from slowapi import Limiter
from slowapi.util import get_remote_address
from upstash_redis import Redis

limiter = Limiter(key_func=get_remote_address)
app = FastAPI()
app.state.limiter = limiter
redis = Redis.from_env()


@app.get("/items/{item_id}")
@limiter.limit("5/minute")
async def read_item(request: Request, item_id: str):
    return {"item": redis.get(f"item:{item_id}")}


handler = Mangum(app)
