"""Per-account caps on requests that stay open while their job runs.

A synchronous photo request or an event stream waits on the event loop
(photos.waiting) — cheap, but not free: each holds a socket, a little memory
and, for a photo, a place in the engine's queue. Without a cap one account —
even a free test key — could open thousands and crowd out everyone else. Each
account may hold at most PAINTY_MAX_STREAMS_PER_ACCOUNT event streams and
PAINTY_MAX_WAITING_PER_ACCOUNT waiting photo requests at once; the next one gets
429 with `Retry-After`.

Counts live in the shared cache (Redis when REDIS_URL is set), so the cap holds
across processes and machines. Each counter expires a while after the longest
hold it can count, so a process that died holding slots can't lock an account
out for good."""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache

from painty.errors import DomainError

KINDS = {
    # kind: (setting with the cap, error code, what it is called in the message)
    "stream": ("PAINTY_MAX_STREAMS_PER_ACCOUNT", "too_many_streams", "open event streams"),
    "waiting": ("PAINTY_MAX_WAITING_PER_ACCOUNT", "too_many_waiting", "photo requests waiting for their result"),
}


def _key(kind: str, user_id: int) -> str:
    return f"painty:held:{kind}:{user_id}"


def acquire(kind: str, user_id: int) -> None:
    """Take one of the account's `kind` slots or raise a 429 DomainError."""
    setting, code, what = KINDS[kind]
    limit = getattr(settings, setting)
    key = _key(kind, user_id)
    lifetime = int(max(settings.PAINTY_JOB_TIMEOUT, settings.PAINTY_STREAM_MAX_SECONDS)) + 120
    cache.add(key, 0, lifetime)
    try:
        held = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, lifetime)
        held = 1
    if held > limit:
        release(kind, user_id)
        raise DomainError(
            code,
            f"This account already has {limit} {what}, the most it may hold at once. "
            "Wait for one to end, or use asynchronous requests (Prefer: respond-async) and poll.",
            headers={"Retry-After": 1},
        )


def release(kind: str, user_id: int) -> None:
    key = _key(kind, user_id)
    try:
        if cache.decr(key) < 0:
            cache.delete(key)  # the counter expired while held: don't let it go negative
    except ValueError:
        pass  # expired: nothing to give back


class HeldStream:
    """An event stream's async iterator that gives its slot back when the response is
    closed — Django closes it after the last chunk, and also when the client went away
    before the first event (then the events were never started)."""

    def __init__(self, kind: str, user_id: int, events):
        acquire(kind, user_id)
        self.kind, self.user_id, self.events = kind, user_id, events
        self.closed = False

    def __aiter__(self):
        return self

    async def __anext__(self):
        try:
            return await anext(self.events)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            release(self.kind, self.user_id)


@contextmanager
def held(kind: str, user_id: int):
    """One of the account's `kind` slots for the duration of a block (a 429 when none is free)."""
    acquire(kind, user_id)
    try:
        yield
    finally:
        release(kind, user_id)
