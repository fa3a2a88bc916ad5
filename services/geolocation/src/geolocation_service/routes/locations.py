"""`/locations`: autocomplete, nearest to a point, and lookup by id."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import StringConstraints
from sqlalchemy import select

from geolocation_service.autocomplete import autocomplete
from geolocation_service.database import SessionDependency
from geolocation_service.errors import LocationNotFoundError
from geolocation_service.models import Location, LocationKind
from geolocation_service.nearest import find_nearest
from geolocation_service.schemas import (
    AutocompleteResponse,
    ErrorResponse,
    LocationPublic,
    NearbyLocationPublic,
    NearestResponse,
)

MAX_QUERY_LENGTH = 100
DEFAULT_LIMIT = 10
MAX_LIMIT = 50

router = APIRouter(prefix="/locations", tags=["locations"])

# Length limits apply after surrounding whitespace is removed, so "   " is rejected as empty.
QueryText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUERY_LENGTH),
    Query(description="Start of an IATA code, airport name or city name (1 to 100 characters)"),
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Maximum number of results (1 to 50)")]
Latitude = Annotated[
    float, Query(ge=-90, le=90, allow_inf_nan=False, description="Decimal degrees, -90 to 90")
]
Longitude = Annotated[
    float, Query(ge=-180, le=180, allow_inf_nan=False, description="Decimal degrees, -180 to 180")
]


# The two fixed paths are declared before `/{location_id}`, which would otherwise capture them.
@router.get("/autocomplete")
def autocomplete_locations(
    session: SessionDependency, q: QueryText, limit: Limit = DEFAULT_LIMIT
) -> AutocompleteResponse:
    """Find airports and cities whose IATA code, name or city starts with `q`, best match first."""
    locations = autocomplete(session, q, limit)
    return AutocompleteResponse(
        query=q, results=[LocationPublic.model_validate(location) for location in locations]
    )


@router.get("/nearest")
def nearest_locations(
    session: SessionDependency,
    latitude: Latitude,
    longitude: Longitude,
    limit: Limit = DEFAULT_LIMIT,
    kind: Annotated[
        LocationKind | None, Query(description="Only airports or only cities; both if omitted")
    ] = None,
) -> NearestResponse:
    """Find the locations nearest to a point by great-circle distance, nearest first."""
    nearby = find_nearest(session, latitude, longitude, limit, kind)
    results = [
        NearbyLocationPublic.model_validate(
            {
                **LocationPublic.model_validate(item.location).model_dump(),
                "distance_km": round(item.distance_km, 1),
            }
        )
        for item in nearby
    ]
    return NearestResponse(results=results)


@router.get("/{location_id}", responses={404: {"model": ErrorResponse}})
def get_location(session: SessionDependency, location_id: str) -> LocationPublic:
    """Return one location by id, `airport-<IATA code>` or `city-<GeoNames id>`."""
    location = session.scalar(select(Location).where(Location.id == location_id))
    if location is None:
        raise LocationNotFoundError(location_id)
    return LocationPublic.model_validate(location)
