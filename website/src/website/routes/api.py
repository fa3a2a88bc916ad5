"""JSON for the location box's autocomplete script."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from website import formatting
from website.backends import Backends
from website.i18n import LANGUAGE_COOKIE, choose_language

router = APIRouter(prefix="/api")

MAX_QUERY_LENGTH = 100
MAX_SUGGESTIONS = 8
# Response header with the state of the geolocation data (`live`, `cache`, `stale` or
# `unavailable`), so the script can show a notice instead of an empty list.
WIDGET_STATUS_HEADER = "X-Widget-Status"


@router.get("/locations")
async def locations(request: Request, q: str = "") -> JSONResponse:
    """Return `[{id, label, kind, iata_code, country_code}]` for the typed text, best first."""
    query = q.strip()
    if len(query) > MAX_QUERY_LENGTH:
        return JSONResponse(
            {
                "error": "invalid_request",
                "message": f"The query has {len(query)} characters; "
                f"the limit is {MAX_QUERY_LENGTH}. Type a shorter place name.",
            },
            status_code=422,
        )
    if not query:
        return JSONResponse([], headers={WIDGET_STATUS_HEADER: "live"})

    backends: Backends = request.app.state.backends
    fetched = await backends.autocomplete(query, limit=MAX_SUGGESTIONS)
    if fetched.value is None:
        return JSONResponse([], headers={WIDGET_STATUS_HEADER: fetched.state.status.value})

    # The `lang` query parameter is not used here, so an unknown value cannot be an error.
    language = choose_language(
        None, request.cookies.get(LANGUAGE_COOKIE), request.headers.get("accept-language")
    ).language
    countries = await backends.country_names(language)
    suggestions: list[dict[str, Any]] = [
        {
            "id": location.id,
            "label": formatting.location_label(location, countries.value or {}),
            "kind": location.kind,
            "iata_code": location.iata_code,
            "country_code": location.country_code,
        }
        for location in fetched.value
    ]
    return JSONResponse(suggestions, headers={WIDGET_STATUS_HEADER: fetched.state.status.value})
