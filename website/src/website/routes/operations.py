"""Operational endpoints: the resilient client's live snapshot as JSON and as Prometheus text."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from resilient_client import PROMETHEUS_CONTENT_TYPE, ResilientClient, render_prometheus

router = APIRouter()


@router.get("/resilience")
async def resilience(request: Request) -> dict[str, Any]:
    """Return per-command counts, latency percentiles, breaker states and pools."""
    client: ResilientClient = request.app.state.client
    return client.snapshot()


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    client: ResilientClient = request.app.state.client
    return Response(render_prometheus(client), media_type=PROMETHEUS_CONTENT_TYPE)
