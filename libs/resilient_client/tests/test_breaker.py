"""Breaker behaviour, driven by a ManualClock so no test waits for the reset timeout."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pybreaker
import pytest

from resilient_client import (
    ClientConfig,
    DependencyFailed,
    DependencyShortCircuited,
    ManualClock,
    Outcome,
    ResilientClient,
)
from resilient_client.breaker import BreakerState, CircuitBreakerAdapter, DisabledBreaker

FAILURE_THRESHOLD = 3
RESET_TIMEOUT_SECONDS = 10.0


def make_adapter(clock: ManualClock, max_probe_calls: int = 1) -> CircuitBreakerAdapter:
    return CircuitBreakerAdapter(
        "items",
        failure_threshold=FAILURE_THRESHOLD,
        reset_timeout_seconds=RESET_TIMEOUT_SECONDS,
        max_probe_calls=max_probe_calls,
        clock=clock,
    )


def fail_times(breaker: CircuitBreakerAdapter, count: int) -> None:
    for _ in range(count):
        permit = breaker.acquire()
        assert permit is not None
        breaker.release(permit, Outcome.FAILURE)


async def test_plain_pybreaker_decorator_never_trips_on_async_def() -> None:
    # Why the adapter exists: pybreaker 1.4 calls the coroutine function, gets a coroutine object
    # back without an exception, and counts a success before the coroutine ever runs.
    breaker = pybreaker.CircuitBreaker(fail_max=1)

    @breaker
    async def always_fails() -> None:
        raise RuntimeError("dependency down")

    for _ in range(3):
        with pytest.raises(RuntimeError):
            await always_fails()

    assert breaker.current_state == pybreaker.STATE_CLOSED
    assert breaker.fail_counter == 0


def test_adapter_opens_after_threshold_failures() -> None:
    breaker = make_adapter(ManualClock())

    fail_times(breaker, FAILURE_THRESHOLD - 1)
    assert breaker.state is BreakerState.CLOSED
    assert breaker.consecutive_failures == FAILURE_THRESHOLD - 1

    fail_times(breaker, 1)
    assert breaker.state is BreakerState.OPEN
    assert breaker.pybreaker.current_state == pybreaker.STATE_OPEN


def test_timed_out_counts_and_success_resets() -> None:
    breaker = make_adapter(ManualClock())

    for outcome in (Outcome.TIMED_OUT, Outcome.FAILURE, Outcome.SUCCESS, Outcome.FAILURE):
        permit = breaker.acquire()
        assert permit is not None
        breaker.release(permit, outcome)

    assert breaker.consecutive_failures == 1
    assert breaker.state is BreakerState.CLOSED


def test_client_error_neither_counts_nor_resets() -> None:
    breaker = make_adapter(ManualClock())
    fail_times(breaker, 2)

    permit = breaker.acquire()
    assert permit is not None
    breaker.release(permit, Outcome.CLIENT_ERROR)
    assert breaker.consecutive_failures == 2

    fail_times(breaker, 1)
    assert breaker.state is BreakerState.OPEN


def test_open_breaker_short_circuits_until_reset_timeout() -> None:
    clock = ManualClock()
    breaker = make_adapter(clock)
    fail_times(breaker, FAILURE_THRESHOLD)

    clock.advance(RESET_TIMEOUT_SECONDS - 0.001)
    assert breaker.acquire() is None
    assert breaker.state is BreakerState.OPEN

    clock.advance(0.001)
    probe = breaker.acquire()
    assert probe is not None
    assert probe.is_probe
    assert breaker.state is BreakerState.HALF_OPEN


def test_half_open_admits_one_probe() -> None:
    clock = ManualClock()
    breaker = make_adapter(clock)
    fail_times(breaker, FAILURE_THRESHOLD)
    clock.advance(RESET_TIMEOUT_SECONDS)

    probe = breaker.acquire()
    second = breaker.acquire()

    assert probe is not None
    assert second is None
    assert breaker.state is BreakerState.HALF_OPEN


def test_half_open_admits_configured_probe_count() -> None:
    clock = ManualClock()
    breaker = make_adapter(clock, max_probe_calls=2)
    fail_times(breaker, FAILURE_THRESHOLD)
    clock.advance(RESET_TIMEOUT_SECONDS)

    permits = [breaker.acquire() for _ in range(3)]

    assert permits[0] is not None
    assert permits[1] is not None
    assert permits[2] is None


def test_probe_success_closes() -> None:
    clock = ManualClock()
    breaker = make_adapter(clock)
    fail_times(breaker, FAILURE_THRESHOLD)
    clock.advance(RESET_TIMEOUT_SECONDS)

    probe = breaker.acquire()
    assert probe is not None
    breaker.release(probe, Outcome.SUCCESS)

    assert breaker.state is BreakerState.CLOSED
    assert breaker.consecutive_failures == 0
    assert breaker.acquire() is not None


def test_probe_failure_reopens_for_new_timeout() -> None:
    clock = ManualClock()
    breaker = make_adapter(clock)
    fail_times(breaker, FAILURE_THRESHOLD)
    clock.advance(RESET_TIMEOUT_SECONDS)
    probe = breaker.acquire()
    assert probe is not None
    clock.advance(2)

    breaker.release(probe, Outcome.FAILURE)

    assert breaker.state is BreakerState.OPEN
    clock.advance(RESET_TIMEOUT_SECONDS - 0.001)
    assert breaker.acquire() is None
    clock.advance(0.001)
    assert breaker.acquire() is not None


def test_probe_client_error_frees_probe_slot() -> None:
    clock = ManualClock()
    breaker = make_adapter(clock)
    fail_times(breaker, FAILURE_THRESHOLD)
    clock.advance(RESET_TIMEOUT_SECONDS)
    probe = breaker.acquire()
    assert probe is not None

    breaker.release(probe, Outcome.CLIENT_ERROR)

    assert breaker.state is BreakerState.HALF_OPEN
    assert breaker.acquire() is not None


def test_cancelled_probe_frees_probe_slot() -> None:
    clock = ManualClock()
    breaker = make_adapter(clock)
    fail_times(breaker, FAILURE_THRESHOLD)
    clock.advance(RESET_TIMEOUT_SECONDS)
    probe = breaker.acquire()
    assert probe is not None

    breaker.release(probe, None)

    assert breaker.state is BreakerState.HALF_OPEN
    assert breaker.acquire() is not None


def test_stale_generation_success_does_not_close() -> None:
    clock = ManualClock()
    breaker = make_adapter(clock)
    started_while_closed = breaker.acquire()
    assert started_while_closed is not None
    fail_times(breaker, FAILURE_THRESHOLD)
    clock.advance(RESET_TIMEOUT_SECONDS)
    probe = breaker.acquire()
    assert probe is not None

    breaker.release(started_while_closed, Outcome.SUCCESS)

    assert breaker.state is BreakerState.HALF_OPEN
    # The probe slot still belongs to the real probe.
    assert breaker.acquire() is None


def test_stale_generation_failure_does_not_reopen() -> None:
    clock = ManualClock()
    breaker = make_adapter(clock)
    fail_times(breaker, FAILURE_THRESHOLD)
    clock.advance(RESET_TIMEOUT_SECONDS)
    probe = breaker.acquire()
    assert probe is not None
    breaker.release(probe, Outcome.SUCCESS)
    assert breaker.state is BreakerState.CLOSED

    # A second probe admitted with max_probe_calls=2 would end after the first closed the breaker.
    breaker.release(probe, Outcome.FAILURE)

    assert breaker.state is BreakerState.CLOSED
    assert breaker.consecutive_failures == 0


def test_transitions_logged_with_command_key(caplog: pytest.LogCaptureFixture) -> None:
    clock = ManualClock()
    breaker = make_adapter(clock)
    caplog.set_level(logging.INFO, logger="resilient_client.breaker")

    fail_times(breaker, FAILURE_THRESHOLD)
    clock.advance(RESET_TIMEOUT_SECONDS)
    probe = breaker.acquire()
    assert probe is not None
    breaker.release(probe, Outcome.SUCCESS)

    records = [record for record in caplog.records if record.msg == "breaker.state_changed"]
    transitions = [(record.from_state, record.to_state) for record in records]  # type: ignore[attr-defined]
    assert transitions == [("closed", "open"), ("open", "half_open"), ("half_open", "closed")]
    assert [record.levelno for record in records] == [logging.WARNING, logging.INFO, logging.INFO]
    assert {record.command_key for record in records} == {"items"}  # type: ignore[attr-defined]


def test_disabled_breaker_never_opens() -> None:
    breaker = DisabledBreaker("items")

    for _ in range(100):
        permit = breaker.acquire()
        assert permit is not None
        breaker.release(permit, Outcome.FAILURE)

    assert breaker.state is BreakerState.CLOSED
    assert breaker.acquire() is not None


# Client-level tests: the breaker in front of a real HTTP backend.


def make_config(**bucket_overrides: Any) -> ClientConfig:
    bucket = {
        "dependency": "items",
        "group": "catalog",
        "cache": "none",
        "failure_threshold": FAILURE_THRESHOLD,
        "reset_timeout_seconds": RESET_TIMEOUT_SECONDS,
    }
    bucket.update(bucket_overrides)
    return ClientConfig.from_dict(
        {
            "groups": {"catalog": {"max_concurrent_calls": 10, "max_queued_calls": 10}},
            "buckets": {"items": bucket},
        }
    )


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def client(backend: Any, clock: ManualClock) -> AsyncIterator[ResilientClient]:
    client = ResilientClient(make_config(), base_urls={"items": backend.base_url}, clock=clock)
    await client.start()
    yield client
    await client.aclose()


async def trip(client: ResilientClient, backend: Any) -> None:
    backend.behaviours["down"] = "fail"
    for _ in range(FAILURE_THRESHOLD):
        with pytest.raises(DependencyFailed):
            await client.get_json("items", "/items/down")


def breaker_state(client: ResilientClient) -> str:
    return str(client.snapshot()["commands"]["items"]["breaker"]["state"])


async def test_client_breaker_opens_after_awaited_failures(
    client: ResilientClient, backend: Any
) -> None:
    await trip(client, backend)

    assert breaker_state(client) == "open"
    assert backend.requests["down"] == FAILURE_THRESHOLD


async def test_open_breaker_sends_no_request(client: ResilientClient, backend: Any) -> None:
    await trip(client, backend)

    with pytest.raises(DependencyShortCircuited) as raised:
        await client.get_json("items", "/items/healthy")

    assert raised.value.outcome is Outcome.SHORT_CIRCUITED
    assert backend.requests["healthy"] == 0
    assert client.snapshot()["commands"]["items"]["outcomes"]["short_circuited"] == 1


async def test_client_half_open_admits_one_probe(
    client: ResilientClient, backend: Any, clock: ManualClock
) -> None:
    await trip(client, backend)
    clock.advance(RESET_TIMEOUT_SECONDS)

    probe = asyncio.create_task(client.get_json("items", "/gate/probe"))
    await wait_until(lambda: backend.in_flight["probe"] == 1)
    assert breaker_state(client) == "half_open"
    # Other query parameters, so this call does not join the probe's single flight.
    with pytest.raises(DependencyShortCircuited):
        await client.get_json("items", "/gate/probe", params={"caller": "second"})
    backend.gate.set()
    result = await probe

    assert result.value["name"] == "probe"
    assert backend.requests["probe"] == 1
    assert breaker_state(client) == "closed"


async def test_client_failed_probe_reopens(
    client: ResilientClient, backend: Any, clock: ManualClock
) -> None:
    await trip(client, backend)
    clock.advance(RESET_TIMEOUT_SECONDS)

    with pytest.raises(DependencyFailed):
        await client.get_json("items", "/items/down")

    assert breaker_state(client) == "open"
    with pytest.raises(DependencyShortCircuited):
        await client.get_json("items", "/items/down")
    assert backend.requests["down"] == FAILURE_THRESHOLD + 1


async def test_call_started_before_trip_does_not_close(
    client: ResilientClient, backend: Any
) -> None:
    slow = asyncio.create_task(client.get_json("items", "/gate/slow"))
    await wait_until(lambda: backend.in_flight["slow"] == 1)
    await trip(client, backend)
    backend.gate.set()

    result = await slow

    assert result.outcome is Outcome.SUCCESS
    assert breaker_state(client) == "open"


async def test_disabled_breaker_keeps_sending(backend: Any, clock: ManualClock) -> None:
    config = make_config(breaker_enabled=False)
    client = ResilientClient(config, base_urls={"items": backend.base_url}, clock=clock)
    await client.start()
    try:
        await trip(client, backend)
        with pytest.raises(DependencyFailed):
            await client.get_json("items", "/items/down")
        snapshot = client.snapshot()["commands"]["items"]["breaker"]
    finally:
        await client.aclose()

    assert backend.requests["down"] == FAILURE_THRESHOLD + 1
    assert snapshot["enabled"] is False
    assert snapshot["state"] == "closed"


async def wait_until(condition: Callable[[], bool], timeout_seconds: float = 5.0) -> None:
    """Yield to the event loop until `condition` holds; fail after `timeout_seconds`."""
    deadline = time.monotonic() + timeout_seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.005)
