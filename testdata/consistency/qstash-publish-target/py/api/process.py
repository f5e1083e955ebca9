from http.server import BaseHTTPRequestHandler


class handler(BaseHTTPRequestHandler):  # want "UPS504"
    def do_POST(self):
        length = int(self.headers.get("content-length", 0))
        print("building report", self.rfile.read(length))
        self.send_response(200)
        self.end_headers()
