from django.http import HttpResponse, JsonResponse
from django.views import View
from upstash_redis import Redis
from upstash_ratelimit import Ratelimit, TokenBucket

redis = Redis.from_env()
ratelimit = Ratelimit(redis=redis, limiter=TokenBucket(max_tokens=10, refill_rate=5, interval=10))


def index(request):
    return JsonResponse({"polls": redis.smembers("polls")})


def vote(request, poll_id):
    if not ratelimit.limit(request.META.get("REMOTE_ADDR")).allowed:
        return HttpResponse(status=429)
    return JsonResponse({"votes": redis.incr(f"poll:{poll_id}")})


class ResultsView(View):
    def get(self, request, poll_id):
        return JsonResponse({"results": redis.hgetall(f"results:{poll_id}")})
