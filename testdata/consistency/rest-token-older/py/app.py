from upstash_redis import Redis

redis = Redis(url="https://fake-otter-12345.upstash.io", token="ATA5ACQgMGYwZjBmMGYtMTExMS00MjIyLTgzMzMtNDQ0NDU1NTU2NjY2ZGVhZGJlZWZjYWZlZjAwZDBiYWRjMGRlMTIzNDU2Nzg=")  # want "UPS101"
