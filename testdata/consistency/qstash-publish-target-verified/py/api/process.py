import os
from http.server import BaseHTTPRequestHandler

from qstash import Receiver

receiver = Receiver(
    current_signing_key=os.environ["QSTASH_CURRENT_SIGNING_KEY"],
    next_signing_key=os.environ["QSTASH_NEXT_SIGNING_KEY"],
)


class handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0))).decode()
        receiver.verify(signature=self.headers.get("Upstash-Signature", ""), body=body, url=f"{os.environ['APP_URL']}/api/process")
        self.send_response(200)
        self.end_headers()
