"""One Redis connection pool per process for Django's cache (CACHES' `pool_class`).

Django keeps a cache object per thread *and per async context*, and each gets a client
with a connection pool of its own. A waiting request's sync steps each run in a copy of
its context (photos.waiting.pooled), so on ASGI every step that counted a rate limit or
held a waiting slot built a new cache object, a new pool and a new connection to Redis —
a TCP connect per step, and sockets left for the garbage collector to close. With this
class those short-lived cache objects all draw from one pool (redis-py's pools are
thread-safe and start afresh in a forked child).

`RedisCache` (CACHES' BACKEND) goes one step further: Django's client builds a new
`redis.Redis` for every cache call (about 0.3 ms of CPU: its table of response callbacks),
and a photo request makes several (rate limit, waiting slot, release); here each shared
pool has one `redis.Redis`, which is thread-safe too."""

from __future__ import annotations

import threading

import redis
from django.core.cache.backends import redis as django_redis

_shared: dict[tuple, redis.ConnectionPool] = {}
_lock = threading.Lock()


class SharedConnectionPool(redis.ConnectionPool):
    @classmethod
    def from_url(cls, url: str, **options) -> redis.ConnectionPool:
        key = (url, tuple(sorted((name, repr(value)) for name, value in options.items())))
        with _lock:
            pool = _shared.get(key)
            if pool is None:
                pool = _shared[key] = super().from_url(url, **options)
            return pool


_clients: dict[SharedConnectionPool, redis.Redis] = {}


class RedisCacheClient(django_redis.RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if not isinstance(pool, SharedConnectionPool):  # a pool of its own: Django's way
            return self._client(connection_pool=pool)
        client = _clients.get(pool)
        if client is None:
            with _lock:
                client = _clients.setdefault(pool, self._client(connection_pool=pool))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
