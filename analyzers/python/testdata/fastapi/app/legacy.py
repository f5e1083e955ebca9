# A Python 2 module: tree-sitter-python still reads print statements and
# `except E, e`, so the client is found; real syntax errors become a note.
import redis

print "starting"
r = redis.Redis(host="fake-otter-12345.upstash.io", port=6379, ssl=True)
try:
    r.ping()
except Exception, e:
    print e
