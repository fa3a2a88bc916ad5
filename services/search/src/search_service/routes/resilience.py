"""`GET /resilience`: metrics, breaker states and pools of the client that calls translations."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from search_service.parameters import ContextDependency

router = APIRouter(tags=["resilience"])


@router.get("/resilience")
def get_resilience_snapshot(context: ContextDependency) -> dict[str, Any]:
    """Return the resilient client's snapshot: per-command counts, latencies, breakers, pools."""
    return context.client.snapshot()
