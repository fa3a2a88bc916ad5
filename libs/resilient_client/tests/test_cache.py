"""Redis cache buckets: key layout, stored entries, and Redis failing while calls go on."""

from __future__ import annotations

import json
import logging
import os
import signal
from collections.abc import AsyncIterator
from typing import Any

import pytest
import redis

from resilient_client import ClientConfig, ManualClock, Outcome, ResilientClient, Source
from resilient_client.cache import cache_key

REDIS_FAILURE_THRESHOLD = 2


def test_cache_key_sorts_query_parameters() -> None:
    first = cache_key("ratings", "GET", "/ratings", {"b": "2", "a": "1"})
    second = cache_key("ratings", "GET", "/ratings", {"a": "1", "b": "2"})

    assert first == second == "rc:ratings:GET /ratings?a=1&b=2"


def test_cache_key_without_query() -> None:
    assert cache_key("ui", "GET", "/ui/de", None) == "rc:ui:GET /ui/de"


def test_cache_key_hashes_long_tail() -> None:
    key = cache_key("ratings", "GET", "/ratings", {"model_keys": "x" * 300})

    prefix, digest = key.split("sha256:")
    assert prefix == "rc:ratings:"
    assert len(digest) == 64


def make_config(**bucket: Any) -> ClientConfig:
    return ClientConfig.from_dict(
        {
            "redis": {
                "operation_timeout_seconds": 0.2,
                "failure_threshold": REDIS_FAILURE_THRESHOLD,
                "reset_timeout_seconds": 5.0,
            },
            "groups": {"catalog": {}},
            "buckets": {
                "items": {
                    "dependency": "items",
                    "group": "catalog",
                    "cache": "redis",
                    "fresh_ttl_seconds": 60,
                    "stale_ttl_seconds": 600,
                    **bucket,
                }
            },
        }
    )


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def client(
    backend: Any, redis_server: Any, clock: ManualClock
) -> AsyncIterator[ResilientClient]:
    client = ResilientClient(
        make_config(),
        base_urls={"items": backend.base_url},
        redis_url=redis_server.url,
        clock=clock,
    )
    await client.start()
    yield client
    await client.aclose()


async def test_entry_layout_and_expiry(
    client: ResilientClient, redis_server: Any, clock: ManualClock
) -> None:
    result = await client.get_json("items", "/items/car", params={"a": "1"})

    probe = redis.Redis(host="127.0.0.1", port=redis_server.port)
    try:
        raw = probe.get("rc:items:GET /items/car?a=1")
        expiry_seconds = probe.ttl("rc:items:GET /items/car?a=1")
    finally:
        probe.close()
    assert raw is not None
    assert json.loads(raw) == {"stored_at": clock.time(), "value": result.value}
    assert 590 <= expiry_seconds <= 600


async def test_none_bucket_never_writes(backend: Any, redis_server: Any) -> None:
    client = ResilientClient(
        make_config(cache="none"), base_urls={"items": backend.base_url}, redis_url=redis_server.url
    )
    await client.start()
    try:
        await client.get_json("items", "/items/car")
        await client.get_json("items", "/items/car")
    finally:
        await client.aclose()

    probe = redis.Redis(host="127.0.0.1", port=redis_server.port)
    try:
        keys = probe.keys("*")
    finally:
        probe.close()
    assert keys == []
    assert backend.requests["car"] == 2


async def test_invalid_entry_reads_as_miss(
    client: ResilientClient, backend: Any, redis_server: Any
) -> None:
    probe = redis.Redis(host="127.0.0.1", port=redis_server.port)
    try:
        probe.set("rc:items:GET /items/car", b"not json")
    finally:
        probe.close()

    result = await client.get_json("items", "/items/car")

    assert result.source is Source.LIVE
    assert backend.requests["car"] == 1


async def test_stopped_redis_keeps_serving_from_backend(
    client: ResilientClient,
    backend: Any,
    redis_server: Any,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="resilient_client.cache")
    first = await client.get_json("items", "/items/car")
    cached = await client.get_json("items", "/items/car")
    assert (first.source, cached.source) == (Source.LIVE, Source.CACHE)

    redis_server.stop()
    # The clock does not move: a value cached a moment ago would be fresh if Redis could return it.
    results = [await client.get_json("items", "/items/car") for _ in range(4)]

    assert [result.source for result in results] == [Source.LIVE] * 4
    assert backend.requests["car"] == 5
    snapshot = client.snapshot()
    assert snapshot["redis"]["breaker"]["state"] == "open"
    assert snapshot["redis"]["errors"] == REDIS_FAILURE_THRESHOLD
    assert snapshot["commands"]["items"]["outcomes"]["success"] == 5
    # Two errors open the Redis breaker; later operations are short-circuited. Every one of them
    # is reported, but at most once per interval, so a clock that does not move gives one line.
    unavailable = [record for record in caplog.records if record.msg == "cache.unavailable"]
    assert len(unavailable) == 1


async def test_redis_down_and_backend_down_gives_fallback(
    backend: Any, redis_server: Any, clock: ManualClock
) -> None:
    config = make_config(fallback={"items": []})
    client = ResilientClient(
        config, base_urls={"items": backend.base_url}, redis_url=redis_server.url, clock=clock
    )
    await client.start()
    try:
        await client.get_json("items", "/items/car")
        redis_server.stop()
        backend.behaviours["car"] = "fail"
        clock.advance(61)
        result = await client.get_json("items", "/items/car")
    finally:
        await client.aclose()

    # The stale copy sits in the stopped Redis, so the static fallback is all that is left.
    assert result.source is Source.FALLBACK
    assert result.outcome is Outcome.FAILURE


async def test_paused_redis_costs_one_deadline(
    client: ResilientClient, backend: Any, redis_server: Any, clock: ManualClock
) -> None:
    await client.get_json("items", "/items/car")
    os.kill(redis_server.process.pid, signal.SIGSTOP)
    try:
        clock.advance(61)
        result = await client.get_json("items", "/items/car")
        snapshot = client.snapshot()["redis"]
    finally:
        os.kill(redis_server.process.pid, signal.SIGCONT)

    assert result.source is Source.LIVE
    # The read and the write after the live call each time out.
    assert snapshot["errors"] == 2
    assert snapshot["breaker"]["state"] == "open"


async def test_redis_breaker_recovers_after_reset_timeout(
    client: ResilientClient, backend: Any, redis_server: Any, clock: ManualClock
) -> None:
    os.kill(redis_server.process.pid, signal.SIGSTOP)
    try:
        await client.get_json("items", "/items/car")
    finally:
        os.kill(redis_server.process.pid, signal.SIGCONT)
    assert client.snapshot()["redis"]["breaker"]["state"] == "open"

    clock.advance(5)
    await client.get_json("items", "/items/car")
    cached = await client.get_json("items", "/items/car")

    assert client.snapshot()["redis"]["breaker"]["state"] == "closed"
    assert cached.source is Source.CACHE


async def test_no_redis_url_means_no_cache(backend: Any) -> None:
    client = ResilientClient(make_config(), base_urls={"items": backend.base_url}, redis_url=None)
    await client.start()
    try:
        first = await client.get_json("items", "/items/car")
        second = await client.get_json("items", "/items/car")
        snapshot = client.snapshot()
    finally:
        await client.aclose()

    assert (first.source, second.source) == (Source.LIVE, Source.LIVE)
    assert snapshot["redis"] == {"enabled": False, "breaker": None, "errors": 0}
