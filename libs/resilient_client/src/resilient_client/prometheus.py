"""Prometheus text exposition of a client's snapshot, through a custom collector.

The collector reads `client.snapshot()` on every scrape and is registered in a registry of its own,
never in prometheus_client's global REGISTRY, so several clients in one process do not collide.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from resilient_client.breaker import BreakerState

if TYPE_CHECKING:
    from resilient_client.client import ResilientClient

METRIC_PREFIX = "resilient_client"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

_BREAKER_STATE_VALUES = {
    BreakerState.CLOSED.value: 0,
    BreakerState.HALF_OPEN.value: 1,
    BreakerState.OPEN.value: 2,
}


class ClientCollector(Collector):
    """Turn one client's snapshot into Prometheus metric families."""

    def __init__(self, client: ResilientClient) -> None:
        self._client = client

    def collect(self) -> Iterator[Any]:
        snapshot = self._client.snapshot()
        yield from _command_families(snapshot["commands"])
        yield from _pool_families(snapshot["pools"])
        yield from _redis_families(snapshot["redis"])


def render_prometheus(client: ResilientClient) -> bytes:
    """Return the client's metrics in the Prometheus text format; serve with CONTENT_TYPE."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(ClientCollector(client))
    return generate_latest(registry)


def _command_families(commands: dict[str, Any]) -> Iterator[Any]:
    calls = CounterMetricFamily(
        f"{METRIC_PREFIX}_calls",
        "Calls per command key and outcome.",
        labels=["command", "outcome"],
    )
    served = CounterMetricFamily(
        f"{METRIC_PREFIX}_served",
        "Values served without a live call: fresh cache hits, stale values, static fallbacks.",
        labels=["command", "source"],
    )
    collapsed = CounterMetricFamily(
        f"{METRIC_PREFIX}_collapsed_calls",
        "Calls that joined a running call with the same cache key.",
        labels=["command"],
    )
    latency = GaugeMetricFamily(
        f"{METRIC_PREFIX}_latency_milliseconds",
        "Latency percentiles of calls that reached the dependency, in milliseconds.",
        labels=["command", "quantile"],
    )
    breaker_state = GaugeMetricFamily(
        f"{METRIC_PREFIX}_breaker_state",
        "Breaker state: 0 closed, 1 half-open, 2 open.",
        labels=["command"],
    )
    consecutive_failures = GaugeMetricFamily(
        f"{METRIC_PREFIX}_breaker_consecutive_failures",
        "Consecutive failures counted by the breaker.",
        labels=["command"],
    )

    for command, metrics in commands.items():
        for outcome, count in metrics["outcomes"].items():
            calls.add_metric([command, outcome], count)
        served.add_metric([command, "cache"], metrics["cache_hits"])
        served.add_metric([command, "stale"], metrics["stale_served"])
        served.add_metric([command, "fallback"], metrics["static_fallbacks_served"])
        collapsed.add_metric([command], metrics["collapsed"])
        for quantile, key in (("0.5", "p50"), ("0.9", "p90"), ("0.99", "p99"), ("1", "max")):
            latency.add_metric([command, quantile], metrics["latency_ms"][key])
        breaker = metrics["breaker"]
        breaker_state.add_metric([command], _BREAKER_STATE_VALUES[breaker["state"]])
        consecutive_failures.add_metric([command], breaker["consecutive_failures"])

    yield from (calls, served, collapsed, latency, breaker_state, consecutive_failures)


def _pool_families(pools: dict[str, Any]) -> Iterator[Any]:
    gauges = {
        name: GaugeMetricFamily(f"{METRIC_PREFIX}_pool_{name}", help_text, labels=["group"])
        for name, help_text in (
            ("active", "Calls holding a pool slot."),
            ("queued", "Calls waiting for a pool slot."),
            ("limit", "Maximum concurrent calls of the pool."),
            ("queue_limit", "Maximum waiting calls of the pool."),
        )
    }
    rejected = CounterMetricFamily(
        f"{METRIC_PREFIX}_pool_rejected",
        "Calls rejected because the pool and queue were full.",
        labels=["group"],
    )
    for group, pool in pools.items():
        for name, gauge in gauges.items():
            gauge.add_metric([group], pool[name])
        rejected.add_metric([group], pool["rejected"])
    yield from gauges.values()
    yield rejected


def _redis_families(redis: dict[str, Any]) -> Iterator[Any]:
    if redis["breaker"] is None:
        return
    state = GaugeMetricFamily(
        f"{METRIC_PREFIX}_redis_breaker_state",
        "Redis breaker state: 0 closed, 1 half-open, 2 open.",
    )
    state.add_metric([], _BREAKER_STATE_VALUES[redis["breaker"]["state"]])
    errors = CounterMetricFamily(
        f"{METRIC_PREFIX}_redis_errors", "Redis operations that failed or timed out."
    )
    errors.add_metric([], redis["errors"])
    yield state
    yield errors
