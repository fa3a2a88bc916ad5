"""ResilientClient: one call goes fresh cache → single flight → breaker → pool → deadline → HTTP.

The outcome is classified, a success is stored in the cache, metrics are recorded, and any failure
goes to the fallback chain: the stale cached value, else the bucket's static fallback, else a
DependencyUnavailable subclass.
"""

from __future__ import annotations

import asyncio
import copy
import enum
import hashlib
import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx

from resilient_client.breaker import Breaker, CircuitBreakerAdapter, DisabledBreaker
from resilient_client.bulkhead import Pool, PoolRejected
from resilient_client.cache import (
    CacheBucket,
    CachedValue,
    NoopBucket,
    RedisBucket,
    RedisCache,
    cache_key,
)
from resilient_client.clock import Clock, SystemClock
from resilient_client.config import BucketConfig, ClientConfig
from resilient_client.errors import (
    ConfigError,
    DependencyClientError,
    ResilientClientError,
    unavailable_error,
)
from resilient_client.metrics import CommandMetrics
from resilient_client.outcome import Outcome, classify_exception, classify_status
from resilient_client.singleflight import SingleFlight
from resilient_client.throttled_log import ThrottledLog
from resilient_client.transport import build_http_client

logger = logging.getLogger(__name__)

QueryParams = Mapping[str, Any]


class Source(enum.StrEnum):
    """Origin of the value in a CallResult."""

    LIVE = "live"
    CACHE = "cache"
    STALE = "stale"
    FALLBACK = "fallback"


@dataclass(frozen=True)
class CallResult:
    """Value returned by a call, with its source.

    `age_seconds` is the age of a CACHE or STALE value and None for LIVE and FALLBACK. `outcome` is
    how the call to the dependency ended: SUCCESS for LIVE, the failure that led to a STALE or
    FALLBACK value, and None for CACHE because no call was made.
    """

    value: Any
    source: Source
    age_seconds: float | None
    outcome: Outcome | None = None


@dataclass(frozen=True)
class _Attempt:
    """Result of one call to the dependency, shared by every caller of a single flight."""

    outcome: Outcome
    value: Any = None
    status_code: int | None = None
    detail: str = ""
    error: BaseException | None = None


@dataclass
class _Bucket:
    name: str
    config: BucketConfig
    base_url: str
    breaker: Breaker
    pool: Pool
    cache: CacheBucket
    metrics: CommandMetrics
    failure_log: ThrottledLog


class ResilientClient:
    """HTTP client for calling dependencies through cache buckets, breakers, pools and fallbacks.

    `base_urls` maps each dependency named in the config to its base URL; a missing one raises
    ConfigError. `redis_url=None` turns every bucket into a `none` bucket. `clock` decides breaker
    reset timeouts and cache ages; it defaults to the system clock. Call `start()` before the first
    call and `aclose()` at shutdown, or use the client as an async context manager.
    """

    def __init__(
        self,
        config: ClientConfig,
        base_urls: Mapping[str, str],
        redis_url: str | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._config = config
        self._clock: Clock = clock or SystemClock()
        self._http: httpx.AsyncClient | None = None
        self._flights: SingleFlight[_Attempt] = SingleFlight()

        uses_redis = any(bucket.cache == "redis" for bucket in config.buckets.values())
        self._redis: RedisCache | None = None
        if redis_url is not None and uses_redis:
            self._redis = RedisCache(redis_url, config.redis, self._clock)

        self._pools = {
            group: Pool(
                group,
                max_concurrent_calls=group_config.max_concurrent_calls,
                max_queued_calls=group_config.max_queued_calls,
            )
            for group, group_config in config.groups.items()
        }
        self._buckets = {
            name: self._build_bucket(name, bucket_config, base_urls)
            for name, bucket_config in config.buckets.items()
        }

    def _build_bucket(
        self, name: str, config: BucketConfig, base_urls: Mapping[str, str]
    ) -> _Bucket:
        base_url = base_urls.get(config.dependency)
        if base_url is None:
            known = ", ".join(sorted(base_urls)) or "none given"
            raise ConfigError(
                f"buckets.{name}.dependency = {config.dependency!r} has no base URL: pass "
                f"base_urls={{{config.dependency!r}: 'http://host:port'}} (given: {known})"
            )

        breaker: Breaker
        if config.breaker_enabled:
            breaker = CircuitBreakerAdapter(
                name,
                failure_threshold=config.failure_threshold,
                reset_timeout_seconds=config.reset_timeout_seconds,
                max_probe_calls=config.max_probe_calls,
                clock=self._clock,
            )
        else:
            breaker = DisabledBreaker(name)

        cache: CacheBucket = NoopBucket()
        if config.cache == "redis" and self._redis is not None:
            cache = RedisBucket(
                name, self._redis, stale_ttl_seconds=config.stale_ttl_seconds, clock=self._clock
            )

        return _Bucket(
            name=name,
            config=config,
            base_url=base_url.rstrip("/"),
            breaker=breaker,
            pool=self._pools[config.group],
            cache=cache,
            metrics=CommandMetrics(name),
            failure_log=ThrottledLog(logger, "dependency.call_failed", clock=self._clock),
        )

    @property
    def config(self) -> ClientConfig:
        return self._config

    @property
    def clock(self) -> Clock:
        return self._clock

    async def start(self) -> None:
        """Open the shared HTTP transport; calling it again does nothing.

        The Redis connection pool connects on first use, so a Redis that is down at start-up costs
        only cache misses.
        """
        if self._http is None:
            self._http = build_http_client(self._config.http)

    async def aclose(self) -> None:
        """Close the HTTP transport and the Redis connection pool."""
        if self._http is not None:
            await self._http.aclose()
            self._http = None
        if self._redis is not None:
            await self._redis.aclose()

    async def __aenter__(self) -> ResilientClient:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def get_json(
        self,
        bucket: str,
        path: str,
        params: QueryParams | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> CallResult:
        """GET `path` from the bucket's dependency and return the parsed JSON body.

        Returns a fresh cached value if there is one; otherwise joins a running call with the same
        cache key or starts one. Raises DependencyClientError for a 4xx client error and a
        DependencyUnavailable subclass when the call failed and neither a stale value nor a static
        fallback exists.
        """
        state = self._bucket(bucket)
        key = cache_key(bucket, "GET", path, params)

        cached = await state.cache.read(key)
        if cached is not None:
            age_seconds = cached.age_seconds(self._clock.time())
            if age_seconds < state.config.fresh_ttl_seconds:
                state.metrics.cache_hits += 1
                return CallResult(cached.value, Source.CACHE, age_seconds)

        attempt, collapsed = await self._flights.run(
            _flight_key(key, headers),
            lambda: self._call_dependency(state, "GET", path, params, headers, None, key),
        )
        if collapsed:
            state.metrics.collapsed += 1

        if attempt.outcome is Outcome.SUCCESS:
            return CallResult(attempt.value, Source.LIVE, None, Outcome.SUCCESS)
        if attempt.outcome is Outcome.CLIENT_ERROR:
            raise _client_error(state, attempt)
        return self._fall_back(state, attempt, cached)

    async def post_json(
        self,
        bucket: str,
        path: str,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> CallResult:
        """POST `json` to `path` and return the parsed JSON body as a LIVE result.

        Never reads or writes the cache, never joins another call, never retries and never serves
        a stale or static fallback, because a made-up response to a write (a payment) would mislead.
        Raises DependencyClientError for a 4xx client error and a DependencyUnavailable subclass
        for every other failure.
        """
        state = self._bucket(bucket)
        attempt = await self._call_dependency(state, "POST", path, None, headers, json, None)
        if attempt.outcome is Outcome.SUCCESS:
            return CallResult(attempt.value, Source.LIVE, None, Outcome.SUCCESS)
        if attempt.outcome is Outcome.CLIENT_ERROR:
            raise _client_error(state, attempt)
        raise unavailable_error(
            bucket, attempt.outcome, attempt.detail, attempt.error
        ) from attempt.error

    def snapshot(self) -> dict[str, Any]:
        """Return a JSON-ready dict of metrics and breakers per command, pools and Redis."""
        commands = {}
        for name, state in self._buckets.items():
            command = state.metrics.snapshot()
            command["group"] = state.config.group
            command["dependency"] = state.config.dependency
            command["criticality"] = state.config.criticality.value
            command["breaker"] = state.breaker.snapshot()
            commands[name] = command

        redis: dict[str, Any] = {"enabled": self._redis is not None, "breaker": None, "errors": 0}
        if self._redis is not None:
            redis["breaker"] = self._redis.breaker.snapshot()
            redis["errors"] = self._redis.errors

        return {
            "commands": commands,
            "pools": {group: pool.snapshot() for group, pool in self._pools.items()},
            "redis": redis,
        }

    def _bucket(self, name: str) -> _Bucket:
        state = self._buckets.get(name)
        if state is None:
            known = ", ".join(sorted(self._buckets)) or "none configured"
            raise ResilientClientError(
                f"Unknown bucket {name!r}: add [buckets.{name}] to the config "
                f"or use one of: {known}."
            )
        return state

    async def _call_dependency(
        self,
        state: _Bucket,
        method: str,
        path: str,
        params: QueryParams | None,
        headers: Mapping[str, str] | None,
        json_body: Any,
        key: str | None,
    ) -> _Attempt:
        """Pass the breaker, then send; record the outcome and store a success under `key`."""
        permit = state.breaker.acquire()
        if permit is None:
            state.metrics.record_outcome(Outcome.SHORT_CIRCUITED)
            return _Attempt(Outcome.SHORT_CIRCUITED, detail="The breaker is open.")

        attempt: _Attempt | None = None
        try:
            attempt, latency_seconds = await self._send(
                state, method, path, params, headers, json_body
            )
        finally:
            # A cancellation from the caller's side leaves `attempt` None: no outcome is recorded.
            state.breaker.release(permit, attempt.outcome if attempt else None)

        state.metrics.record_outcome(attempt.outcome, latency_seconds)
        if attempt.outcome not in (Outcome.SUCCESS, Outcome.CLIENT_ERROR):
            state.failure_log.emit(
                bucket=state.name,
                method=method,
                path=path,
                outcome=attempt.outcome.value,
                status_code=attempt.status_code,
                detail=attempt.detail,
            )
        if attempt.outcome is Outcome.SUCCESS and key is not None:
            await state.cache.write(key, attempt.value)
        return attempt

    async def _send(
        self,
        state: _Bucket,
        method: str,
        path: str,
        params: QueryParams | None,
        headers: Mapping[str, str] | None,
        json_body: Any,
    ) -> tuple[_Attempt, float | None]:
        """Wait for a pool slot and send, all within the bucket's deadline; return the latency too.

        The latency is None for a rejected call, which never reached the dependency.
        """
        http = self._require_http()
        started = time.perf_counter()
        try:
            async with asyncio.timeout(state.config.timeout_seconds):
                try:
                    await state.pool.acquire()
                except PoolRejected:
                    return _Attempt(
                        Outcome.REJECTED, detail="The pool and its queue are full."
                    ), None
                try:
                    response = await http.request(
                        method,
                        state.base_url + path,
                        params=params,
                        headers=headers,
                        json=json_body,
                    )
                finally:
                    state.pool.release()
        except (TimeoutError, httpx.HTTPError) as error:
            outcome = classify_exception(error) or Outcome.FAILURE
            detail = (
                f"No response within {state.config.timeout_seconds} seconds."
                if outcome is Outcome.TIMED_OUT
                else f"Request failed: {error!r}."
            )
            return _Attempt(outcome, detail=detail, error=error), time.perf_counter() - started

        latency_seconds = time.perf_counter() - started
        return _read_response(response), latency_seconds

    def _fall_back(
        self, state: _Bucket, attempt: _Attempt, cached: CachedValue | None
    ) -> CallResult:
        if cached is not None:
            age_seconds = cached.age_seconds(self._clock.time())
            if age_seconds < state.config.stale_ttl_seconds:
                state.metrics.stale_served += 1
                return CallResult(cached.value, Source.STALE, age_seconds, attempt.outcome)

        if state.config.fallback is not None:
            state.metrics.static_fallbacks_served += 1
            # A copy, so a caller that changes the value cannot change what later callers get.
            value = copy.deepcopy(state.config.fallback)
            return CallResult(value, Source.FALLBACK, None, attempt.outcome)

        raise unavailable_error(
            state.name, attempt.outcome, attempt.detail, attempt.error
        ) from attempt.error

    def _require_http(self) -> httpx.AsyncClient:
        if self._http is None:
            raise ResilientClientError(
                "ResilientClient is not started: await client.start() before the first call."
            )
        return self._http


def _read_response(response: httpx.Response) -> _Attempt:
    outcome = classify_status(response.status_code)
    if outcome is Outcome.FAILURE:
        return _Attempt(
            outcome,
            status_code=response.status_code,
            detail=f"The dependency returned status {response.status_code}.",
        )
    if outcome is Outcome.CLIENT_ERROR:
        return _Attempt(outcome, value=_parse_body(response), status_code=response.status_code)

    try:
        value = response.json()
    except ValueError as error:
        return _Attempt(
            Outcome.FAILURE,
            status_code=response.status_code,
            detail="The dependency returned a body that is not valid JSON.",
            error=error,
        )
    return _Attempt(Outcome.SUCCESS, value=value, status_code=response.status_code)


def _parse_body(response: httpx.Response) -> Any:
    """Return the JSON body, or the body text when it is not JSON."""
    try:
        return response.json()
    except ValueError:
        return response.text


def _client_error(state: _Bucket, attempt: _Attempt) -> DependencyClientError:
    status_code = attempt.status_code if attempt.status_code is not None else 0
    return DependencyClientError(state.name, status_code, copy.deepcopy(attempt.value))


def _flight_key(key: str, headers: Mapping[str, str] | None) -> str:
    """Add a digest of the headers to the cache key, so calls with different headers never join."""
    if not headers:
        return key
    rendered = json.dumps(sorted((name.lower(), value) for name, value in headers.items()))
    return f"{key}|headers:{hashlib.sha256(rendered.encode()).hexdigest()}"
