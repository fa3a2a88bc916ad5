"""App factory of the search service.

Start it with `uvicorn search_service.app:create_app --factory --port 8001`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from resilient_client import Clock, ConfigError, ResilientClient, load_config
from search_service.catalog import load_catalog
from search_service.context import SearchContext
from search_service.dates import TodayProvider, earliest_local_today
from search_service.descriptions import DescriptionsProvider
from search_service.models import Base
from search_service.routes import cars, resilience
from search_service.settings import SearchSettings
from search_service.store import FleetStore
from servicekit import (
    configure_logging,
    create_database_engine,
    create_service_app,
    exit_on_startup_error,
    load_settings,
)

SERVICE_NAME = "search"
TRANSLATIONS_DEPENDENCY = "translations"

logger = logging.getLogger(__name__)


@exit_on_startup_error(ConfigError)
def create_app(
    settings: SearchSettings | None = None,
    *,
    today: TodayProvider = earliest_local_today,
    client_clock: Clock | None = None,
) -> FastAPI:
    """Build the app; its start creates the tables and the client that calls translations.

    `settings` defaults to the `SEARCH_*` environment. `today` decides which pick-up dates are in
    the past, and `client_clock` drives the client's breakers and cache ages. Tests inject both.
    Raises `SettingsError`, `ConfigError` (resilience.toml) or `CatalogError` for invalid input.
    """
    settings = settings or load_settings(SearchSettings)
    configure_logging(SERVICE_NAME, settings.log_level)
    resilience_config = load_config(settings.resilience_config_path)
    catalog = load_catalog()
    engine = create_database_engine(settings.database_url)
    session_factory = sessionmaker(engine, expire_on_commit=False)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        Base.metadata.create_all(engine)
        client = ResilientClient(
            resilience_config,
            base_urls={TRANSLATIONS_DEPENDENCY: settings.translations_url},
            redis_url=settings.redis_url or None,
            clock=client_clock,
        )
        await client.start()
        app.state.context = SearchContext(
            catalog=catalog,
            fleet_store=FleetStore(session_factory, catalog),
            client=client,
            descriptions=DescriptionsProvider(client, catalog),
            today=today,
        )
        logger.info(
            "service.started",
            extra={
                "database": engine.url.render_as_string(),
                "translations_url": settings.translations_url,
                "redis_enabled": bool(settings.redis_url),
            },
        )
        try:
            yield
        finally:
            await client.aclose()
            engine.dispose()
            logger.info("service.stopped")

    app = create_service_app(
        SERVICE_NAME, routers=[cars.router, resilience.router], lifespan=lifespan
    )
    return app
