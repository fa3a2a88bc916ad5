"""App factory of the payments service: `uvicorn payments_service.app:create_app --factory`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.orm import sessionmaker

from payments_service.checkout import Checkout, Clock
from payments_service.models import Base
from payments_service.routes import bookings_router, payments_router
from payments_service.settings import PaymentsSettings
from servicekit import (
    configure_logging,
    create_database_engine,
    create_service_app,
    exit_on_startup_error,
    load_settings,
)
from servicekit.app import describe_validation_errors

logger = logging.getLogger(__name__)

SERVICE_NAME = "payments"

# Request fields whose values a 422 body must not echo: the card number, the CVC, and any
# object that contains them.
_SECRET_FIELD_PREFIXES = ("card",)


@exit_on_startup_error()
def create_app(settings: PaymentsSettings | None = None, clock: Clock | None = None) -> FastAPI:
    """Build the payments app and create its tables if they do not exist.

    `settings` defaults to the `PAYMENTS_*` environment; `clock` returns the current time as an
    aware datetime and defaults to the system clock in UTC. Tests pass both.
    """
    if settings is None:
        settings = load_settings(PaymentsSettings)
    configure_logging(SERVICE_NAME, settings.log_level)
    if settings.uses_development_fingerprint_secret:
        logger.warning(
            "payments.development_fingerprint_secret",
            extra={"fix": "set PAYMENTS_FINGERPRINT_SECRET to a long random value"},
        )

    engine = create_database_engine(settings.database_url)
    Base.metadata.create_all(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = create_service_app(
        SERVICE_NAME, routers=[payments_router, bookings_router], lifespan=lifespan
    )
    app.state.checkout = Checkout(
        session_factory=sessionmaker(engine, expire_on_commit=False),
        fingerprint_secret=settings.fingerprint_secret.get_secret_value().encode("utf-8"),
        clock=clock or _utc_now,
    )
    # Replaces the service kit's handler, which echoes each invalid value back to the client.
    app.add_exception_handler(RequestValidationError, _handle_validation_error)  # type: ignore[arg-type]
    return app


def _utc_now() -> datetime:
    return datetime.now(UTC)


async def _handle_validation_error(
    _request: Request, error: RequestValidationError
) -> JSONResponse:
    """Return the service kit's 422 body, with `value` set to null for card fields."""
    detail = describe_validation_errors(error.errors())
    for item in detail:
        field = item["field"]
        # An empty field name means the whole body failed to parse, which may hold the card too.
        if field == "" or field.split(".")[0] in _SECRET_FIELD_PREFIXES:
            item["value"] = None
    return JSONResponse(
        status_code=422,
        content={
            "error": "invalid_request",
            "message": "The request has invalid fields; see `detail` for each field and the fix.",
            "detail": detail,
        },
    )
