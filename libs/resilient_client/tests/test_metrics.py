"""Snapshot and Prometheus exposition of the client's metrics."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from resilient_client import ClientConfig, DependencyFailed, ResilientClient, render_prometheus
from resilient_client.metrics import CommandMetrics
from resilient_client.outcome import Outcome


def test_latency_percentiles_in_milliseconds() -> None:
    metrics = CommandMetrics("items")
    for milliseconds in range(1, 101):
        metrics.record_outcome(Outcome.SUCCESS, milliseconds / 1000)

    latency = metrics.latency_snapshot()

    assert latency["count"] == 100
    assert latency["p50"] == pytest.approx(50, rel=0.01)
    assert latency["p90"] == pytest.approx(90, rel=0.01)
    assert latency["p99"] == pytest.approx(99, rel=0.01)
    assert latency["max"] == pytest.approx(100, rel=0.01)


def test_error_percentage_ignores_client_errors() -> None:
    metrics = CommandMetrics("items")
    for outcome in (Outcome.SUCCESS, Outcome.FAILURE, Outcome.CLIENT_ERROR, Outcome.REJECTED):
        metrics.record_outcome(outcome)

    assert metrics.error_percentage == pytest.approx(66.67)


@pytest.fixture
async def client(backend: Any) -> AsyncIterator[ResilientClient]:
    config = ClientConfig.from_dict(
        {
            "groups": {"catalog": {"max_concurrent_calls": 4, "max_queued_calls": 2}},
            "buckets": {
                "items": {"dependency": "items", "group": "catalog", "failure_threshold": 2}
            },
        }
    )
    client = ResilientClient(config, base_urls={"items": backend.base_url})
    await client.start()
    yield client
    await client.aclose()


async def test_snapshot_is_json_ready(client: ResilientClient, backend: Any) -> None:
    await client.get_json("items", "/items/car")
    backend.behaviours["broken"] = "fail"
    with pytest.raises(DependencyFailed):
        await client.get_json("items", "/items/broken")

    snapshot = json.loads(json.dumps(client.snapshot()))

    command = snapshot["commands"]["items"]
    assert command["outcomes"]["success"] == 1
    assert command["outcomes"]["failure"] == 1
    assert command["latency_ms"]["count"] == 2
    assert command["latency_ms"]["max"] > 0
    assert command["breaker"]["state"] == "closed"
    assert command["breaker"]["consecutive_failures"] == 1
    assert command["group"] == "catalog"
    assert snapshot["pools"]["catalog"] == {
        "active": 0,
        "queued": 0,
        "limit": 4,
        "queue_limit": 2,
        "rejected": 0,
    }
    assert snapshot["redis"]["enabled"] is False


async def test_prometheus_exposition(client: ResilientClient, backend: Any) -> None:
    await client.get_json("items", "/items/car")

    text = render_prometheus(client).decode()
    samples = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }

    assert (
        samples[("resilient_client_calls_total", (("command", "items"), ("outcome", "success")))]
        == 1
    )
    assert samples[("resilient_client_breaker_state", (("command", "items"),))] == 0
    assert samples[("resilient_client_pool_limit", (("group", "catalog"),))] == 4
    assert samples[("resilient_client_pool_rejected_total", (("group", "catalog"),))] == 0
    latency_key = (
        "resilient_client_latency_milliseconds",
        (("command", "items"), ("quantile", "0.99")),
    )
    assert samples[latency_key] > 0
