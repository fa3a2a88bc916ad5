"""End-to-end behaviour of ResilientClient against a real HTTP backend and a real redis-server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from resilient_client import (
    ClientConfig,
    DependencyClientError,
    DependencyFailed,
    DependencyTimedOut,
    DependencyUnavailable,
    ManualClock,
    Outcome,
    ResilientClient,
    ResilientClientError,
    Source,
)

ClientFactory = Callable[..., ResilientClient]


def make_config(**bucket_overrides: Any) -> ClientConfig:
    bucket = {
        "dependency": "items",
        "group": "catalog",
        "cache": "redis",
        "timeout_seconds": 1.0,
        "failure_threshold": 3,
        "reset_timeout_seconds": 10.0,
        "fresh_ttl_seconds": 60,
        "stale_ttl_seconds": 3600,
    }
    bucket.update(bucket_overrides)
    return ClientConfig.from_dict(
        {
            "redis": {"operation_timeout_seconds": 0.2, "failure_threshold": 2},
            "groups": {"catalog": {"max_concurrent_calls": 10, "max_queued_calls": 10}},
            "buckets": {"items": bucket},
        }
    )


@pytest.fixture
async def client_factory(backend: Any) -> AsyncIterator[ClientFactory]:
    clients: list[ResilientClient] = []

    def build(
        config: ClientConfig, redis_url: str | None = None, clock: Any = None
    ) -> ResilientClient:
        client = ResilientClient(
            config, base_urls={"items": backend.base_url}, redis_url=redis_url, clock=clock
        )
        clients.append(client)
        return client

    yield build
    for client in clients:
        await client.aclose()


async def test_get_json_returns_live_value(backend: Any, client_factory: ClientFactory) -> None:
    client = client_factory(make_config(cache="none"))
    await client.start()

    result = await client.get_json("items", "/items/car", params={"b": 2, "a": "x"})

    assert result.source is Source.LIVE
    assert result.outcome is Outcome.SUCCESS
    assert result.age_seconds is None
    assert result.value["name"] == "car"
    assert result.value["query"] == {"a": "x", "b": "2"}


async def test_fresh_cache_hit_skips_backend(
    backend: Any, redis_server: Any, client_factory: ClientFactory
) -> None:
    clock = ManualClock()
    client = client_factory(make_config(), redis_url=redis_server.url, clock=clock)
    await client.start()

    first = await client.get_json("items", "/items/car", params={"a": 1})
    clock.advance(30)
    second = await client.get_json("items", "/items/car", params={"a": 1})

    assert first.source is Source.LIVE
    assert second.source is Source.CACHE
    assert second.age_seconds == pytest.approx(30)
    assert second.value == first.value
    assert backend.requests["car"] == 1
    assert client.snapshot()["commands"]["items"]["cache_hits"] == 1


async def test_expired_fresh_value_is_refreshed(
    backend: Any, redis_server: Any, client_factory: ClientFactory
) -> None:
    clock = ManualClock()
    client = client_factory(make_config(), redis_url=redis_server.url, clock=clock)
    await client.start()

    await client.get_json("items", "/items/car")
    clock.advance(61)
    refreshed = await client.get_json("items", "/items/car")

    assert refreshed.source is Source.LIVE
    assert refreshed.value["count"] == 2


async def test_client_error_raises_without_fallback(
    backend: Any, redis_server: Any, client_factory: ClientFactory
) -> None:
    clock = ManualClock()
    config = make_config(fallback={"name": "static"}, failure_threshold=1, fresh_ttl_seconds=0)
    client = client_factory(config, redis_url=redis_server.url, clock=clock)
    await client.start()
    await client.get_json("items", "/items/car")
    backend.behaviours["car"] = "missing"

    with pytest.raises(DependencyClientError) as raised:
        await client.get_json("items", "/items/car")

    assert raised.value.status_code == 404
    assert raised.value.body["error"] == "not_found"
    snapshot = client.snapshot()["commands"]["items"]
    assert snapshot["outcomes"]["client_error"] == 1
    assert snapshot["stale_served"] == 0
    assert snapshot["static_fallbacks_served"] == 0
    assert snapshot["breaker"]["state"] == "closed"
    assert snapshot["breaker"]["consecutive_failures"] == 0


async def test_too_many_requests_counts_as_failure(
    backend: Any, client_factory: ClientFactory
) -> None:
    client = client_factory(make_config(cache="none"))
    await client.start()
    backend.behaviours["car"] = "too_many"

    with pytest.raises(DependencyFailed) as raised:
        await client.get_json("items", "/items/car")

    assert raised.value.outcome is Outcome.FAILURE
    assert client.snapshot()["commands"]["items"]["breaker"]["consecutive_failures"] == 1


async def test_stale_value_served_with_age_on_failure(
    backend: Any, redis_server: Any, client_factory: ClientFactory
) -> None:
    clock = ManualClock()
    client = client_factory(make_config(), redis_url=redis_server.url, clock=clock)
    await client.start()
    live = await client.get_json("items", "/items/car")
    backend.behaviours["car"] = "fail"
    clock.advance(120)

    stale = await client.get_json("items", "/items/car")

    assert stale.source is Source.STALE
    assert stale.outcome is Outcome.FAILURE
    assert stale.age_seconds == pytest.approx(120)
    assert stale.value == live.value
    assert client.snapshot()["commands"]["items"]["stale_served"] == 1


async def test_failure_does_not_overwrite_cached_value(
    backend: Any, redis_server: Any, client_factory: ClientFactory
) -> None:
    clock = ManualClock()
    client = client_factory(make_config(), redis_url=redis_server.url, clock=clock)
    await client.start()
    live = await client.get_json("items", "/items/car")
    backend.behaviours["car"] = "fail"
    clock.advance(120)
    await client.get_json("items", "/items/car")
    clock.advance(10)

    again = await client.get_json("items", "/items/car")

    assert again.source is Source.STALE
    assert again.value == live.value
    assert again.age_seconds == pytest.approx(130)


async def test_value_older_than_stale_ttl_is_not_served(
    backend: Any, redis_server: Any, client_factory: ClientFactory
) -> None:
    clock = ManualClock()
    client = client_factory(make_config(), redis_url=redis_server.url, clock=clock)
    await client.start()
    await client.get_json("items", "/items/car")
    backend.behaviours["car"] = "fail"
    clock.advance(3600)

    with pytest.raises(DependencyUnavailable):
        await client.get_json("items", "/items/car")


async def test_static_fallback_served_without_stale_value(
    backend: Any, client_factory: ClientFactory
) -> None:
    client = client_factory(make_config(cache="none", fallback={"name": "static", "tags": []}))
    await client.start()
    backend.behaviours["car"] = "fail"

    result = await client.get_json("items", "/items/car")
    result.value["tags"].append("changed by the caller")
    second = await client.get_json("items", "/items/car")

    assert result.source is Source.FALLBACK
    assert result.outcome is Outcome.FAILURE
    assert result.age_seconds is None
    assert second.value == {"name": "static", "tags": []}
    assert client.snapshot()["commands"]["items"]["static_fallbacks_served"] == 2


async def test_unavailable_raised_without_any_fallback(
    backend: Any, client_factory: ClientFactory
) -> None:
    client = client_factory(make_config(cache="none"))
    await client.start()
    backend.behaviours["car"] = "fail"

    with pytest.raises(DependencyFailed) as raised:
        await client.get_json("items", "/items/car")

    assert isinstance(raised.value, DependencyUnavailable)
    assert raised.value.bucket == "items"
    assert raised.value.outcome is Outcome.FAILURE


async def test_invalid_json_body_is_failure(backend: Any, client_factory: ClientFactory) -> None:
    client = client_factory(make_config(cache="none"))
    await client.start()
    backend.behaviours["car"] = "not_json"

    with pytest.raises(DependencyFailed):
        await client.get_json("items", "/items/car")


async def test_deadline_covers_slow_body(backend: Any, client_factory: ClientFactory) -> None:
    client = client_factory(make_config(cache="none", timeout_seconds=0.3))
    await client.start()
    backend.behaviours["car"] = "drip"

    started = time.perf_counter()
    with pytest.raises(DependencyTimedOut) as raised:
        await client.get_json("items", "/items/car")
    elapsed_seconds = time.perf_counter() - started

    assert raised.value.outcome is Outcome.TIMED_OUT
    # The drip takes about 2 seconds, so an early return proves the body read was cut off.
    assert elapsed_seconds < 1.0
    assert client.snapshot()["commands"]["items"]["outcomes"]["timed_out"] == 1


async def test_stalled_backend_times_out(backend: Any, client_factory: ClientFactory) -> None:
    client = client_factory(make_config(cache="none", timeout_seconds=0.2))
    await client.start()
    backend.behaviours["car"] = "stall"

    with pytest.raises(DependencyTimedOut):
        await client.get_json("items", "/items/car")


async def test_caller_cancellation_counts_no_outcome(
    backend: Any, client_factory: ClientFactory
) -> None:
    client = client_factory(make_config(cache="none"))
    await client.start()

    call = asyncio.create_task(client.get_json("items", "/gate/car"))
    await _wait_until(lambda: backend.in_flight["car"] == 1)
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call

    snapshot = client.snapshot()
    assert sum(snapshot["commands"]["items"]["outcomes"].values()) == 0
    assert snapshot["pools"]["catalog"]["active"] == 0


async def test_post_json_returns_live_value(backend: Any, client_factory: ClientFactory) -> None:
    client = client_factory(make_config(fallback={"static": True}))
    await client.start()

    result = await client.post_json("items", "/echo", json={"amount": "12.00"})

    assert result.source is Source.LIVE
    assert result.value == {"received": {"amount": "12.00"}}


async def test_post_json_failure_gets_no_fallback(
    backend: Any, client_factory: ClientFactory
) -> None:
    client = client_factory(make_config(cache="none", fallback={"static": True}))
    await client.start()
    backend.behaviours["car"] = "fail"

    with pytest.raises(DependencyFailed):
        await client.post_json("items", "/items/car", json={})


async def test_post_json_client_error_carries_body(
    backend: Any, client_factory: ClientFactory
) -> None:
    client = client_factory(make_config(cache="none"))
    await client.start()
    backend.behaviours["car"] = "missing"

    with pytest.raises(DependencyClientError) as raised:
        await client.post_json("items", "/items/car", json={"amount": "1.00"})

    assert raised.value.bucket == "items"
    assert raised.value.status_code == 404
    assert raised.value.body == {"error": "not_found", "message": "No item 'car'."}


async def test_context_manager_starts_and_closes(backend: Any) -> None:
    config = make_config(cache="none")

    async with ResilientClient(config, base_urls={"items": backend.base_url}) as client:
        result = await client.get_json("items", "/items/car")

    assert result.source is Source.LIVE
    with pytest.raises(ResilientClientError, match="not started"):
        await client.get_json("items", "/items/car")


async def test_unknown_bucket_is_rejected(client_factory: ClientFactory) -> None:
    client = client_factory(make_config(cache="none"))
    await client.start()

    with pytest.raises(Exception, match="Unknown bucket 'ratings'"):
        await client.get_json("ratings", "/ratings")


async def _wait_until(condition: Callable[[], bool], timeout_seconds: float = 5.0) -> None:
    """Yield to the event loop until `condition` holds; fail after `timeout_seconds`."""
    deadline = time.monotonic() + timeout_seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.005)


async def test_server_error_may_have_been_sent(backend: Any, client_factory: ClientFactory) -> None:
    client = client_factory(make_config(cache="none"))
    await client.start()
    backend.behaviours["car"] = "fail"

    with pytest.raises(DependencyFailed) as raised:
        await client.post_json("items", "/items/car", json={})

    assert raised.value.request_sent is True


async def test_refused_connection_was_not_sent(unused_tcp_port: int) -> None:
    config = make_config(cache="none")
    client = ResilientClient(
        config, base_urls={"items": f"http://127.0.0.1:{unused_tcp_port}"}, redis_url=None
    )
    await client.start()
    try:
        with pytest.raises(DependencyFailed) as raised:
            await client.post_json("items", "/items/car", json={})
    finally:
        await client.aclose()

    assert raised.value.outcome is Outcome.FAILURE
    assert raised.value.request_sent is False


async def test_short_circuited_call_was_not_sent(
    backend: Any, client_factory: ClientFactory
) -> None:
    client = client_factory(make_config(cache="none", failure_threshold=1))
    await client.start()
    backend.behaviours["car"] = "fail"
    with pytest.raises(DependencyFailed):
        await client.post_json("items", "/items/car", json={})

    with pytest.raises(DependencyUnavailable) as raised:
        await client.post_json("items", "/items/car", json={})

    assert raised.value.outcome is Outcome.SHORT_CIRCUITED
    assert raised.value.request_sent is False
