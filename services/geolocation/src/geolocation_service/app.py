"""App factory of the geolocation service.

Start it with `uvicorn geolocation_service.app:create_app --factory --port 8003`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker
from starlette.concurrency import run_in_threadpool

from geolocation_service.routes import locations
from geolocation_service.seed import seed_locations
from geolocation_service.settings import GeolocationSettings
from servicekit import (
    configure_logging,
    create_database_engine,
    create_service_app,
    exit_on_startup_error,
    load_settings,
)

SERVICE_NAME = "geolocation"

logger = logging.getLogger(__name__)


@exit_on_startup_error()
def create_app(settings: GeolocationSettings | None = None) -> FastAPI:
    """Build the app; tables are created and seeded on first start, in the app's lifespan.

    `settings` defaults to the `GEOLOCATION_*` environment variables, read here once.
    """
    if settings is None:
        settings = load_settings(GeolocationSettings)
    configure_logging(SERVICE_NAME, settings.log_level)
    engine = create_database_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Seeding blocks for a few seconds on first start, so it runs off the event loop.
        await run_in_threadpool(seed_locations, engine)
        app.state.session_factory = sessionmaker(engine, expire_on_commit=False)
        yield
        engine.dispose()

    app = create_service_app(SERVICE_NAME, routers=[locations.router], lifespan=lifespan)
    return app
