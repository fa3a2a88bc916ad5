"""The website's app factory: `uvicorn website.app:create_app --factory --port 8000`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from resilient_client import Clock, ConfigError, ResilientClient, SystemClock, load_config
from servicekit import configure_logging, create_service_app, exit_on_startup_error, load_settings
from website.backends import Backends
from website.booking_access import BookingAccessCookie
from website.errors import NotFoundError, UnsupportedLanguageError
from website.i18n import SUPPORTED_LANGUAGES
from website.pages import build_error_page, create_templates
from website.routes import api, bookings, checkout, favicon, home, operations, search
from website.settings import WebsiteSettings

logger = logging.getLogger(__name__)

# UI string key of the 404 message, by the bucket whose backend did not find the resource.
# The booking pages handle a booking that is not found themselves, with the lookup form.
_NOT_FOUND_MESSAGES = {
    "car": "error.not_found.car",
}


@exit_on_startup_error(ConfigError)
def create_app(clock: Clock | None = None) -> FastAPI:
    """Build the website: read settings and the resilience config, which fail fast when invalid.

    `clock` drives the resilient client's cache ages and breaker timeouts; tests pass a
    `ManualClock` to age cached values without sleeping.
    """
    settings = load_settings(WebsiteSettings)
    configure_logging("website", settings.log_level)
    # httpx logs every request URL at INFO, and a booking lookup URL contains the customer's e-mail.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    config = load_config(settings.resilience_config)
    session_secret = settings.session_secret_bytes()
    if settings.uses_development_session_secret:
        logger.warning(
            "session_secret.development_default",
            extra={"setting": "WEBSITE_SESSION_SECRET", "action": "set a random value"},
        )
    client = ResilientClient(
        config, settings.base_urls(), redis_url=settings.redis_url or None, clock=clock
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await client.start()
        try:
            yield
        finally:
            await client.aclose()

    app = create_service_app(
        "website",
        routers=[
            home.router,
            search.router,
            checkout.router,
            bookings.router,
            api.router,
            operations.router,
            favicon.router,
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.client = client
    app.state.backends = Backends(client)
    app.state.booking_access = BookingAccessCookie(
        session_secret,
        settings.session_max_age_seconds,
        clock or SystemClock(),
        secure=settings.session_cookie_secure,
    )
    app.state.templates = create_templates()
    app.mount("/static", StaticFiles(packages=[("website", "static")]), name="static")

    app.add_exception_handler(UnsupportedLanguageError, _unsupported_language)  # type: ignore[arg-type]
    app.add_exception_handler(NotFoundError, _not_found)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    return app


async def _unsupported_language(request: Request, error: UnsupportedLanguageError) -> HTMLResponse:
    page = await build_error_page(request)
    message = page.t(
        "error.unsupported_language", value=error.value, supported=", ".join(SUPPORTED_LANGUAGES)
    )
    return page.render(
        "message.html", 400, title=page.t("error.bad_request.title"), messages=[message]
    )


async def _not_found(request: Request, error: NotFoundError) -> HTMLResponse:
    page = await build_error_page(request)
    message = page.t(_NOT_FOUND_MESSAGES.get(error.bucket, "error.not_found.page"))
    return page.render(
        "message.html", 404, title=page.t("error.not_found.title"), messages=[message]
    )


async def _http_error(request: Request, error: StarletteHTTPException) -> Response:
    if request.url.path.startswith(("/api/", "/static/")):
        return JSONResponse(
            {"error": "http_error", "message": str(error.detail)},
            status_code=error.status_code,
            headers=error.headers,
        )
    page = await build_error_page(request)
    if error.status_code == 404:
        title, message = page.t("error.not_found.title"), page.t("error.not_found.page")
    else:
        title, message = page.t("error.bad_request.title"), page.t("error.request_failed")
    return page.render("message.html", error.status_code, title=title, messages=[message])
