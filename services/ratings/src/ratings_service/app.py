"""App factory of the ratings service.

Start it with `uvicorn ratings_service.app:create_app --factory --port 8004`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker
from starlette.concurrency import run_in_threadpool

from ratings_service.routes import ratings
from ratings_service.seed import seed_ratings
from ratings_service.settings import RatingsSettings
from servicekit import (
    configure_logging,
    create_database_engine,
    create_service_app,
    exit_on_startup_error,
    load_settings,
)

SERVICE_NAME = "ratings"


@exit_on_startup_error()
def create_app(settings: RatingsSettings | None = None) -> FastAPI:
    """Build the app; the table is created and seeded at start-up, in the app's lifespan.

    `settings` defaults to the `RATINGS_*` environment variables, read here once.
    """
    if settings is None:
        settings = load_settings(RatingsSettings)
    configure_logging(SERVICE_NAME, settings.log_level)
    engine = create_database_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(seed_ratings, engine)
        app.state.session_factory = sessionmaker(engine, expire_on_commit=False)
        yield
        engine.dispose()

    app = create_service_app(SERVICE_NAME, routers=[ratings.router], lifespan=lifespan)
    return app
