"""`/favicon.ico`: the site icon, for browsers that request it without reading `<link rel=icon>`."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import Response

router = APIRouter()

# Let browsers cache the icon for a day instead of requesting it with every page.
FAVICON_MAX_AGE_SECONDS = 24 * 3600


@cache
def _favicon_svg() -> bytes:
    return resources.files("website").joinpath("static/favicon.svg").read_bytes()


@router.get("/favicon.ico", include_in_schema=False)
async def favicon() -> Response:
    """Return `static/favicon.svg`, the icon that `base.html` links, as `image/svg+xml`."""
    return Response(
        _favicon_svg(),
        media_type="image/svg+xml",
        headers={"Cache-Control": f"public, max-age={FAVICON_MAX_AGE_SECONDS}"},
    )
