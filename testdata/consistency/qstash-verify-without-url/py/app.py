import os

from fastapi import FastAPI, Request, Response
from qstash import Receiver

app = FastAPI()
receiver = Receiver(
    current_signing_key=os.environ["QSTASH_CURRENT_SIGNING_KEY"],
    next_signing_key=os.environ["QSTASH_NEXT_SIGNING_KEY"],
)


@app.post("/api/jobs")
async def jobs(request: Request):
    body = (await request.body()).decode()
    signature = request.headers.get("Upstash-Signature", "")
    receiver.verify(signature=signature, body=body)  # want "UPS505"
    return Response("ok")
