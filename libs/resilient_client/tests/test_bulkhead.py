"""Pool (bulkhead) limits, alone and in front of a real HTTP backend."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest

from resilient_client import (
    ClientConfig,
    DependencyRejected,
    DependencyTimedOut,
    Outcome,
    ResilientClient,
    Source,
)
from resilient_client.bulkhead import Pool, PoolRejected


async def test_pool_rejects_beyond_limit_and_queue() -> None:
    pool = Pool("catalog", max_concurrent_calls=2, max_queued_calls=1)
    await pool.acquire()
    await pool.acquire()
    waiter = asyncio.create_task(pool.acquire())
    await asyncio.sleep(0)

    with pytest.raises(PoolRejected):
        await pool.acquire()

    assert (pool.active, pool.queued, pool.rejected) == (2, 1, 1)
    pool.release()
    await waiter
    assert (pool.active, pool.queued) == (2, 0)


async def test_pool_hands_slots_over_in_arrival_order() -> None:
    pool = Pool("catalog", max_concurrent_calls=1, max_queued_calls=2)
    await pool.acquire()
    order: list[str] = []

    async def wait_for_slot(name: str) -> None:
        await pool.acquire()
        order.append(name)

    first = asyncio.create_task(wait_for_slot("first"))
    await asyncio.sleep(0)
    second = asyncio.create_task(wait_for_slot("second"))
    await asyncio.sleep(0)
    pool.release()
    await first
    pool.release()
    await second

    assert order == ["first", "second"]
    assert pool.active == 1


async def test_cancelled_waiter_leaves_queue() -> None:
    pool = Pool("catalog", max_concurrent_calls=1, max_queued_calls=1)
    await pool.acquire()
    waiter = asyncio.create_task(pool.acquire())
    await asyncio.sleep(0)

    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter

    assert pool.queued == 0
    pool.release()
    assert pool.active == 0


async def test_waiter_cancelled_after_handover_passes_slot_on() -> None:
    pool = Pool("catalog", max_concurrent_calls=1, max_queued_calls=2)
    await pool.acquire()
    handed_over = asyncio.create_task(pool.acquire())
    next_in_line = asyncio.create_task(pool.acquire())
    await asyncio.sleep(0)

    # The slot goes to `handed_over`, which is cancelled before it runs again.
    pool.release()
    handed_over.cancel()
    with pytest.raises(asyncio.CancelledError):
        await handed_over
    await next_in_line

    assert pool.active == 1
    assert pool.queued == 0


def make_config(max_concurrent_calls: int, max_queued_calls: int, **bucket: Any) -> ClientConfig:
    return ClientConfig.from_dict(
        {
            "groups": {
                "catalog": {
                    "max_concurrent_calls": max_concurrent_calls,
                    "max_queued_calls": max_queued_calls,
                }
            },
            "buckets": {"items": {"dependency": "items", "group": "catalog", **bucket}},
        }
    )


async def test_client_rejects_when_pool_and_queue_full(backend: Any) -> None:
    config = make_config(2, 1, timeout_seconds=5.0)
    client = ResilientClient(config, base_urls={"items": backend.base_url})
    await client.start()
    try:
        held = [
            asyncio.create_task(client.get_json("items", "/gate/held", params={"caller": index}))
            for index in range(3)
        ]
        await wait_until(lambda: backend.in_flight["held"] == 2)
        await wait_until(lambda: client.snapshot()["pools"]["catalog"]["queued"] == 1)

        with pytest.raises(DependencyRejected) as raised:
            await client.get_json("items", "/gate/held", params={"caller": "rejected"})
        pools_while_full = client.snapshot()["pools"]["catalog"]

        backend.gate.set()
        results = await asyncio.gather(*held)
        snapshot = client.snapshot()
    finally:
        await client.aclose()

    assert raised.value.outcome is Outcome.REJECTED
    assert pools_while_full == {
        "active": 2,
        "queued": 1,
        "limit": 2,
        "queue_limit": 1,
        "rejected": 1,
    }
    assert all(result.source is Source.LIVE for result in results)
    assert backend.requests["held"] == 3
    assert snapshot["commands"]["items"]["outcomes"]["rejected"] == 1
    # A rejection is no sign of the dependency's health.
    assert snapshot["commands"]["items"]["breaker"]["consecutive_failures"] == 0
    assert snapshot["pools"]["catalog"]["active"] == 0


async def test_rejected_call_gets_static_fallback(backend: Any) -> None:
    config = make_config(1, 0, timeout_seconds=5.0, fallback={"items": []})
    client = ResilientClient(config, base_urls={"items": backend.base_url})
    await client.start()
    try:
        held = asyncio.create_task(client.get_json("items", "/gate/held"))
        await wait_until(lambda: backend.in_flight["held"] == 1)
        result = await client.get_json("items", "/items/other")
        backend.gate.set()
        await held
    finally:
        await client.aclose()

    assert result.source is Source.FALLBACK
    assert result.outcome is Outcome.REJECTED
    assert backend.requests["other"] == 0


async def test_queue_wait_counts_against_deadline(backend: Any) -> None:
    # Two buckets share the pool: "slow" takes the only slot, "items" waits with a short deadline.
    config = ClientConfig.from_dict(
        {
            "groups": {"catalog": {"max_concurrent_calls": 1, "max_queued_calls": 1}},
            "buckets": {
                "slow": {"dependency": "items", "group": "catalog", "timeout_seconds": 5.0},
                "items": {"dependency": "items", "group": "catalog", "timeout_seconds": 0.3},
            },
        }
    )
    client = ResilientClient(config, base_urls={"items": backend.base_url})
    await client.start()
    try:
        held = asyncio.create_task(client.get_json("slow", "/gate/held"))
        await wait_until(lambda: backend.in_flight["held"] == 1)

        started = time.perf_counter()
        with pytest.raises(DependencyTimedOut):
            await client.get_json("items", "/items/queued")
        elapsed_seconds = time.perf_counter() - started
        pools = client.snapshot()["pools"]["catalog"]

        backend.gate.set()
        held_result = await held
    finally:
        await client.aclose()

    assert elapsed_seconds < 1.0
    assert backend.requests["queued"] == 0
    assert pools["queued"] == 0
    assert pools["active"] == 1
    assert held_result.source is Source.LIVE


async def wait_until(condition: Callable[[], bool], timeout_seconds: float = 5.0) -> None:
    """Yield to the event loop until `condition` holds; fail after `timeout_seconds`."""
    deadline = time.monotonic() + timeout_seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.005)
