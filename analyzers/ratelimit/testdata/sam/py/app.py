from upstash_redis import Redis

redis = Redis.from_env()


def count(event, context):
    return {"statusCode": 200, "body": str(redis.incr("count"))}
