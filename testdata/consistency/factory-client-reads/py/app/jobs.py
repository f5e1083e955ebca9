def register(name, factory):
    redis = factory()
    redis.delete(name)
