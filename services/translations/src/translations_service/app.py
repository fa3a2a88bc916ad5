"""App factory of the translations service.

Start it with `uvicorn translations_service.app:create_app --factory --port 8002`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from servicekit import (
    configure_logging,
    create_database_engine,
    create_service_app,
    exit_on_startup_error,
    load_settings,
)
from translations_service.models import Base
from translations_service.routes import countries, descriptions, languages, ui
from translations_service.seed import DATA_DIRECTORY, load_seed_data, seed_database
from translations_service.settings import TranslationsSettings

SERVICE_NAME = "translations"

logger = logging.getLogger(__name__)


@exit_on_startup_error()
def create_app(
    settings: TranslationsSettings | None = None, *, data_directory: Path = DATA_DIRECTORY
) -> FastAPI:
    """Build the app. Its start creates the tables and seeds them from `data_directory` if needed.

    `settings` defaults to the `TRANSLATIONS_*` environment. Raises `SettingsError` for invalid
    settings. The start raises `SeedDataError` for a missing or invalid data file.
    """
    settings = settings or load_settings(TranslationsSettings)
    configure_logging(SERVICE_NAME, settings.log_level)
    engine = create_database_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        Base.metadata.create_all(engine)
        seed_database(engine, load_seed_data(data_directory))
        logger.info("service.started", extra={"database": engine.url.render_as_string()})
        yield
        engine.dispose()
        logger.info("service.stopped")

    app = create_service_app(
        SERVICE_NAME,
        routers=[languages.router, ui.router, descriptions.router, countries.router],
        lifespan=lifespan,
    )
    app.state.session_factory = sessionmaker(engine, expire_on_commit=False)
    return app
