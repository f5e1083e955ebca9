from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from upstash_ratelimit.asyncio import Ratelimit, SlidingWindow
from upstash_redis.asyncio import Redis

redis = Redis.from_env()
ratelimit = Ratelimit(redis=redis, limiter=SlidingWindow(max_requests=10, window=10))

app = FastAPI()


# Runs before every route of the app.
@app.middleware("http")
async def limit_requests(request: Request, call_next):
    response = await ratelimit.limit(request.client.host)
    if not response.allowed:
        return JSONResponse({"error": "Too many requests"}, status_code=429)
    return await call_next(request)


@app.get("/counter")
async def counter():
    return {"count": await redis.incr("counter")}
