"""Single flight: concurrent get_json calls with the same cache key share one backend call."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from resilient_client import ClientConfig, DependencyFailed, ResilientClient, Source
from resilient_client.singleflight import SingleFlight

CALLERS = 5


@pytest.fixture
async def client(backend: Any) -> AsyncIterator[ResilientClient]:
    config = ClientConfig.from_dict(
        {
            "groups": {"catalog": {}},
            "buckets": {
                "items": {"dependency": "items", "group": "catalog", "timeout_seconds": 5.0}
            },
        }
    )
    client = ResilientClient(config, base_urls={"items": backend.base_url})
    await client.start()
    yield client
    await client.aclose()


async def test_concurrent_calls_collapse(client: ResilientClient, backend: Any) -> None:
    calls = [
        asyncio.create_task(client.get_json("items", "/gate/shared", params={"a": 1}))
        for _ in range(CALLERS)
    ]
    await wait_until(lambda: backend.in_flight["shared"] == 1)
    await asyncio.sleep(0)
    backend.gate.set()
    results = await asyncio.gather(*calls)

    assert backend.requests["shared"] == 1
    assert all(result.source is Source.LIVE for result in results)
    assert all(result.value == results[0].value for result in results)
    command = client.snapshot()["commands"]["items"]
    assert command["collapsed"] == CALLERS - 1
    assert command["outcomes"]["success"] == 1


async def test_collapsed_failure_reaches_every_caller(
    client: ResilientClient, backend: Any
) -> None:
    backend.behaviours["shared"] = "fail"
    calls = [asyncio.create_task(client.get_json("items", "/gate/shared")) for _ in range(CALLERS)]
    await wait_until(lambda: backend.in_flight["shared"] == 1)
    backend.gate.set()
    outcomes = await asyncio.gather(*calls, return_exceptions=True)

    assert all(isinstance(outcome, DependencyFailed) for outcome in outcomes)
    assert len({id(outcome) for outcome in outcomes}) == CALLERS
    assert client.snapshot()["commands"]["items"]["outcomes"]["failure"] == 1


async def test_different_headers_do_not_collapse(client: ResilientClient, backend: Any) -> None:
    first = asyncio.create_task(
        client.get_json("items", "/gate/shared", headers={"Accept-Language": "de"})
    )
    second = asyncio.create_task(
        client.get_json("items", "/gate/shared", headers={"Accept-Language": "fr"})
    )
    await wait_until(lambda: backend.in_flight["shared"] == 2)
    backend.gate.set()
    await asyncio.gather(first, second)

    assert backend.requests["shared"] == 2
    assert client.snapshot()["commands"]["items"]["collapsed"] == 0


async def test_one_cancelled_caller_leaves_call_running(
    client: ResilientClient, backend: Any
) -> None:
    leader = asyncio.create_task(client.get_json("items", "/gate/shared"))
    await wait_until(lambda: backend.in_flight["shared"] == 1)
    joiner = asyncio.create_task(client.get_json("items", "/gate/shared"))
    await asyncio.sleep(0)

    leader.cancel()
    with pytest.raises(asyncio.CancelledError):
        await leader
    backend.gate.set()
    result = await joiner

    assert result.source is Source.LIVE
    assert backend.requests["shared"] == 1


async def test_flight_cancelled_when_every_caller_left() -> None:
    flights: SingleFlight[str] = SingleFlight()
    started = asyncio.Event()
    call_cancelled = asyncio.Event()

    async def never_finishes() -> str:
        started.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            call_cancelled.set()
            raise
        return "unreachable"

    caller = asyncio.create_task(flights.run("key", never_finishes))
    await started.wait()
    caller.cancel()
    with pytest.raises(asyncio.CancelledError):
        await caller
    await asyncio.wait_for(call_cancelled.wait(), timeout=5)
    await asyncio.sleep(0)

    assert flights.in_flight == 0


async def wait_until(condition: Callable[[], bool], timeout_seconds: float = 5.0) -> None:
    """Yield to the event loop until `condition` holds; fail after `timeout_seconds`."""
    deadline = time.monotonic() + timeout_seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.005)
