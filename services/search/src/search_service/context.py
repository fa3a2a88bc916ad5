"""Shared state of the route handlers, built once in the app's lifespan."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from resilient_client import ResilientClient
from search_service.catalog import Catalog
from search_service.dates import TodayProvider
from search_service.descriptions import DescriptionsProvider
from search_service.store import FleetStore


@dataclass(frozen=True)
class SearchContext:
    """Catalog, fleet storage, the translations client and the clock of one running app."""

    catalog: Catalog
    fleet_store: FleetStore
    client: ResilientClient
    descriptions: DescriptionsProvider
    today: TodayProvider


def get_context(request: Request) -> SearchContext:
    """Return the context that the app's lifespan stored on `app.state`."""
    context: SearchContext = request.app.state.context
    return context
