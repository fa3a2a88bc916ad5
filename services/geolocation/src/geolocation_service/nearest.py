"""Search for the locations nearest to a point, by great-circle distance."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from geolocation_service.geodesy import MAX_DISTANCE_KM, bounding_box, haversine_km
from geolocation_service.models import Location, LocationKind

# The first radius searched; most inhabited points have several locations within it.
INITIAL_RADIUS_KM = 50.0
# Each round that finds fewer than `limit` locations searches this many times farther.
RADIUS_GROWTH_FACTOR = 4.0


@dataclass(frozen=True)
class NearbyLocation:
    """A location and its great-circle distance in km from the point searched."""

    location: Location
    distance_km: float


def find_nearest(
    session: Session,
    latitude: float,
    longitude: float,
    limit: int,
    kind: LocationKind | None = None,
) -> list[NearbyLocation]:
    """Return the `limit` locations nearest to the point, nearest first, ties by id.

    A latitude/longitude box around the point prefilters rows in SQL, and exact haversine
    distances decide. The box grows until it contains `limit` locations within its radius or
    covers the whole Earth. `kind` restricts the search to airports or to cities.
    """
    radius_km = INITIAL_RADIUS_KM
    while True:
        distances = _distances_within_box(session, latitude, longitude, radius_km, kind)
        covers_earth = radius_km >= MAX_DISTANCE_KM
        within_radius = [
            (distance_km, location_id)
            for distance_km, location_id in distances
            if covers_earth or distance_km <= radius_km
        ]
        if len(within_radius) >= limit or covers_earth:
            break
        radius_km = min(radius_km * RADIUS_GROWTH_FACTOR, MAX_DISTANCE_KM)

    nearest = sorted(within_radius)[:limit]
    locations = {
        location.id: location
        for location in session.scalars(
            select(Location).where(Location.id.in_([location_id for _, location_id in nearest]))
        )
    }
    return [
        NearbyLocation(location=locations[location_id], distance_km=distance_km)
        for distance_km, location_id in nearest
    ]


def _distances_within_box(
    session: Session,
    latitude: float,
    longitude: float,
    radius_km: float,
    kind: LocationKind | None,
) -> list[tuple[float, str]]:
    """Return (distance in km, id) of every location in the bounding box of the circle."""
    box = bounding_box(latitude, longitude, radius_km)
    longitude_condition = or_(
        *(Location.longitude.between(west, east) for west, east in box.longitude_ranges)
    )
    condition = and_(
        Location.latitude.between(box.min_latitude, box.max_latitude), longitude_condition
    )
    if kind is not None:
        condition = and_(condition, Location.kind == kind.value)

    rows = session.execute(
        select(Location.id, Location.latitude, Location.longitude).where(condition)
    )
    return [
        (haversine_km(latitude, longitude, row_latitude, row_longitude), location_id)
        for location_id, row_latitude, row_longitude in rows
    ]
