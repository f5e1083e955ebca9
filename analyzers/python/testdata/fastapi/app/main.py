from fastapi import FastAPI, Header, HTTPException, Request
from qstash import QStash, Receiver
import os

from app.cache import redis_client, top_scores
from .cache import sessions as session_store
from . import settings

app = FastAPI()
qstash = QStash(os.environ["QSTASH_TOKEN"])
receiver = Receiver(
    current_signing_key=os.environ["QSTASH_CURRENT_SIGNING_KEY"],
    next_signing_key=os.environ["QSTASH_NEXT_SIGNING_KEY"],
)


@app.get("/")
async def index():
    count = redis_client.incr("visits")
    return {"count": count}


@app.get("/leaderboard")
async def leaderboard():
    return top_scores(10)


@app.post("/jobs")
async def enqueue(body: dict):
    qstash.message.publish_json(url="https://example.com/api/webhook", body=body)
    session_store.set("last-job", "queued")
    return {"ok": True}


@app.post("/api/webhook")
async def webhook(request: Request, upstash_signature: str = Header(None)):
    body = await request.body()
    receiver.verify(signature=upstash_signature, body=body.decode(), url=str(request.url))
    if settings.CELERY_BROKER_URL is None:
        raise HTTPException(status_code=500)
    return {"ok": True}
