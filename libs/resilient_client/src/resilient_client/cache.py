"""Cache buckets: Redis-backed with fresh and stale ages, or a no-op bucket that caches nothing.

Redis is itself a dependency. Every Redis operation has the `[redis]` deadline and passes the Redis
breaker. On any Redis error, timeout or open breaker a read reports a miss and a write is skipped,
so the call goes on to the backend. Nothing here deletes a key: a value leaves Redis only when its
expiry (`stale_ttl_seconds`) passes or a later success overwrites it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import httpx
import redis.asyncio
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from resilient_client.breaker import CircuitBreakerAdapter
from resilient_client.clock import Clock
from resilient_client.config import RedisConfig
from resilient_client.outcome import Outcome
from resilient_client.throttled_log import ThrottledLog

logger = logging.getLogger(__name__)

KEY_PREFIX = "rc"
# Keys longer than this replace their tail with its SHA-256 digest, so keys stay short however
# long the query string is.
MAX_KEY_TAIL_CHARS = 200
REDIS_COMMAND_KEY = "redis"

T = TypeVar("T")


def cache_key(bucket: str, method: str, path: str, params: Mapping[str, Any] | None) -> str:
    """Build `rc:<bucket>:<METHOD path?sorted query>`, hashing the tail if it is too long.

    Query parameters are rendered the way httpx sends them, then sorted, so the same request gives
    the same key whatever the order of `params`. Request headers are not part of the key.
    """
    query = httpx.QueryParams(params or {})
    sorted_query = str(httpx.QueryParams(sorted(query.multi_items())))
    tail = f"{method} {path}?{sorted_query}" if sorted_query else f"{method} {path}"
    if len(tail) > MAX_KEY_TAIL_CHARS:
        tail = "sha256:" + hashlib.sha256(tail.encode()).hexdigest()
    return f"{KEY_PREFIX}:{bucket}:{tail}"


@dataclass(frozen=True)
class CachedValue:
    """A value read from the cache and the wall-clock second it was stored at."""

    value: Any
    stored_at: float

    def age_seconds(self, now: float) -> float:
        """Return the age at wall-clock second `now`, never below zero (clocks of hosts differ)."""
        return max(0.0, now - self.stored_at)


class CacheBucket(Protocol):
    """Cache of one bucket."""

    @property
    def enabled(self) -> bool: ...

    async def read(self, key: str) -> CachedValue | None:
        """Return the cached value, or None on a miss or any cache error."""
        ...

    async def write(self, key: str, value: Any) -> None:
        """Store `value` now; a cache error is logged and swallowed."""
        ...


class NoopBucket:
    """Bucket with `cache = "none"`, or any bucket when the client has no Redis: caches nothing."""

    @property
    def enabled(self) -> bool:
        return False

    async def read(self, key: str) -> CachedValue | None:
        return None

    async def write(self, key: str, value: Any) -> None:
        return None


class RedisCache:
    """One Redis connection pool shared by every Redis bucket, with its deadline and breaker."""

    def __init__(self, redis_url: str, config: RedisConfig, clock: Clock) -> None:
        self._operation_timeout_seconds = config.operation_timeout_seconds
        # Retries are off because each operation must cost at most one deadline; the breaker,
        # not a retry loop, decides when Redis is tried again.
        self._redis = redis.asyncio.Redis.from_url(
            redis_url,
            retry=Retry(NoBackoff(), 0),
            socket_connect_timeout=config.operation_timeout_seconds,
            socket_timeout=config.operation_timeout_seconds,
        )
        self.breaker = CircuitBreakerAdapter(
            REDIS_COMMAND_KEY,
            failure_threshold=config.failure_threshold,
            reset_timeout_seconds=config.reset_timeout_seconds,
            max_probe_calls=1,
            clock=clock,
        )
        self.errors = 0
        self._unavailable_log = ThrottledLog(logger, "cache.unavailable", clock=clock)

    async def get(self, key: str) -> bytes | None:
        """Return the stored bytes, or None on a miss or any Redis failure."""
        data = await self._run("get", key, lambda: self._redis.get(key))
        # The client is built without decode_responses, so Redis returns bytes, never str.
        return data.encode() if isinstance(data, str) else data

    async def set(self, key: str, data: bytes, expiry_seconds: float) -> None:
        """Store `data` with an expiry. A Redis failure is logged and swallowed."""
        expiry_milliseconds = max(1, math.ceil(expiry_seconds * 1000))
        await self._run("set", key, lambda: self._redis.set(key, data, px=expiry_milliseconds))

    async def aclose(self) -> None:
        await self._redis.aclose()

    async def _run(self, operation: str, key: str, command: Callable[[], Awaitable[T]]) -> T | None:
        permit = self.breaker.acquire()
        if permit is None:
            self._unavailable_log.emit(
                operation=operation, key=key, outcome=Outcome.SHORT_CIRCUITED.value
            )
            return None

        outcome: Outcome | None = None
        try:
            async with asyncio.timeout(self._operation_timeout_seconds):
                result = await command()
            outcome = Outcome.SUCCESS
            return result
        except TimeoutError:
            outcome = Outcome.TIMED_OUT
            self._report_error(operation, key, outcome, "deadline expired")
            return None
        except (RedisError, OSError) as error:
            outcome = Outcome.FAILURE
            self._report_error(operation, key, outcome, repr(error))
            return None
        finally:
            self.breaker.release(permit, outcome)

    def _report_error(self, operation: str, key: str, outcome: Outcome, error: str) -> None:
        self.errors += 1
        self._unavailable_log.emit(operation=operation, key=key, outcome=outcome.value, error=error)


class RedisBucket:
    """Bucket with `cache = "redis"`: stores `{"stored_at": seconds, "value": ...}` as JSON."""

    def __init__(self, name: str, cache: RedisCache, *, stale_ttl_seconds: float, clock: Clock):
        self._name = name
        self._cache = cache
        self._stale_ttl_seconds = stale_ttl_seconds
        self._clock = clock

    @property
    def enabled(self) -> bool:
        return True

    async def read(self, key: str) -> CachedValue | None:
        data = await self._cache.get(key)
        if data is None:
            return None
        try:
            entry = json.loads(data)
            return CachedValue(value=entry["value"], stored_at=float(entry["stored_at"]))
        except (ValueError, TypeError, KeyError) as error:
            # Another writer stored a different layout under our prefix; a miss is the safe reading.
            logger.warning(
                "cache.entry_invalid",
                extra={"bucket": self._name, "key": key, "error": repr(error)},
            )
            return None

    async def write(self, key: str, value: Any) -> None:
        entry = {"stored_at": self._clock.time(), "value": value}
        data = json.dumps(entry, separators=(",", ":")).encode()
        await self._cache.set(key, data, self._stale_ttl_seconds)
