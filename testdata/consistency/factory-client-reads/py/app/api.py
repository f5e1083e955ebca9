from app.cache import get_redis
from app.jobs import register

register("cleanup", get_redis)
