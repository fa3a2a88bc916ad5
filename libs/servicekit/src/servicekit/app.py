"""FastAPI app factory with the behaviour every service shares.

- `GET /healthz` returns `{"status": "ok", "service": name}`.
- One INFO log line per request (`request.completed`) with method, path, status and duration.
- Invalid requests get a 422 JSON body that names each bad field, its value and the problem.
- A query string longer than `max_query_length` characters gets a 414 before any handler runs.
- A `ServiceError` is rendered with its `status_code` and `to_body()`.
- An unhandled error is logged with its traceback and answered with a 500 JSON body that holds no
  traceback and no request data.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from servicekit.errors import ServiceError

logger = logging.getLogger("servicekit.app")

DEFAULT_MAX_QUERY_LENGTH = 2048
# Maximum length of an input value echoed in a 422 body, so a huge field cannot bloat it.
_MAX_ECHOED_VALUE_LENGTH = 100

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def create_service_app(
    name: str,
    *,
    routers: Sequence[APIRouter] = (),
    lifespan: Lifespan | None = None,
    version: str = "0.1.0",
    max_query_length: int = DEFAULT_MAX_QUERY_LENGTH,
) -> FastAPI:
    """Build the FastAPI app of service `name` with health check, logging and error handlers."""
    app = FastAPI(title=name, version=version, lifespan=lifespan)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "service": name}

    for router in routers:
        app.include_router(router)

    app.add_exception_handler(RequestValidationError, _validation_error_handler)  # type: ignore[arg-type]
    app.add_exception_handler(ServiceError, _service_error_handler)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unhandled_error_handler)

    @app.middleware("http")
    async def log_request(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        if len(request.url.query) > max_query_length:
            response: Response = JSONResponse(
                status_code=414,
                content={
                    "error": "query_too_long",
                    "message": f"The query string has {len(request.url.query)} characters; "
                    f"the limit is {max_query_length}. Shorten the request.",
                },
            )
        else:
            response = await call_next(request)
        logger.info(
            "request.completed",
            extra={
                "method": request.method,
                "path": request.url.path,
                "status_code": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            },
        )
        return response

    return app


def describe_validation_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Turn pydantic error entries into `{field, message, value}` dicts safe to send to a client."""
    described = []
    for item in errors:
        location = [
            str(part) for part in item.get("loc", ()) if part not in ("body", "query", "path")
        ]
        value = item.get("input")
        if isinstance(value, str) and len(value) > _MAX_ECHOED_VALUE_LENGTH:
            value = value[:_MAX_ECHOED_VALUE_LENGTH] + "..."
        elif not isinstance(value, (str, int, float, bool, type(None))):
            value = None
        described.append(
            {"field": ".".join(location), "message": item.get("msg", ""), "value": value}
        )
    return described


async def _validation_error_handler(
    _request: Request, error: RequestValidationError
) -> JSONResponse:
    return JSONResponse(
        status_code=422,
        content={
            "error": "invalid_request",
            "message": "The request has invalid fields; see `detail` for each field and the fix.",
            "detail": describe_validation_errors(error.errors()),
        },
    )


async def _service_error_handler(request: Request, error: ServiceError) -> JSONResponse:
    if error.status_code >= 500:
        logger.error(
            "request.failed",
            extra={"path": request.url.path, "error_code": error.error_code, "error": str(error)},
        )
    return JSONResponse(status_code=error.status_code, content=error.to_body())


async def _unhandled_error_handler(request: Request, _error: Exception) -> JSONResponse:
    logger.exception("request.failed", extra={"method": request.method, "path": request.url.path})
    return JSONResponse(
        status_code=500,
        content={"error": "internal_error", "message": "The service failed to handle the request."},
    )
