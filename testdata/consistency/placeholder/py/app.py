from qstash import QStash
from upstash_redis import Redis

redis = Redis(url="https://fake-otter-12345.upstash.io", token="your_token_here")
client = QStash("<QSTASH_TOKEN>")
