"""Django's Redis cache on ASGI: each sync step of a waiting request runs in a context of
its own, where Django builds a new cache object; all of them share one connection pool,
and one client on it."""

import contextvars

from django.core.cache import caches

from painty.redis_pool import SharedConnectionPool


def test_one_pool_per_url_and_options():
    first = SharedConnectionPool.from_url("redis://127.0.0.1:6399/5", socket_timeout=2)
    assert SharedConnectionPool.from_url("redis://127.0.0.1:6399/5", socket_timeout=2) is first
    assert SharedConnectionPool.from_url("redis://127.0.0.1:6399/6", socket_timeout=2) is not first
    assert SharedConnectionPool.from_url("redis://127.0.0.1:6399/5", socket_timeout=3) is not first


def test_cache_objects_of_different_contexts_share_the_pool_and_the_client(settings):
    settings.CACHES = {"default": {
        "BACKEND": "painty.redis_pool.RedisCache",
        "LOCATION": "redis://127.0.0.1:6399/7",  # nothing is sent: pools connect lazily
        "OPTIONS": {"pool_class": "painty.redis_pool.SharedConnectionPool"},
    }}

    def pool_of_a_fresh_step():
        cache = caches["default"]
        return cache, cache._cache._get_connection_pool(write=True), cache._cache.get_client(write=True)

    (one, pool, client), (other, same, again) = (
        contextvars.copy_context().run(pool_of_a_fresh_step) for _ in range(2))
    assert one is not other  # Django's per-context cache objects…
    assert pool is same  # …on one pool
    assert client is again and client.connection_pool is pool  # …with one client, not one per call
    assert one._cache.get_client(write=True) is client


def test_a_pool_of_its_own_gets_djangos_client_per_call(settings):
    settings.CACHES = {"default": {
        "BACKEND": "painty.redis_pool.RedisCache",
        "LOCATION": "redis://127.0.0.1:6399/8",
    }}
    cache = caches["default"]
    assert cache._cache.get_client() is not cache._cache.get_client()  # nothing kept per plain pool
