"""Great-circle distances on a spherical Earth, and the bounding box that prefilters them."""

from __future__ import annotations

import math
from dataclasses import dataclass

# IUGG mean Earth radius. Distances on this sphere differ from those on the WGS 84 ellipsoid
# by up to about 0.5 %.
EARTH_MEAN_RADIUS_KM = 6371.0088
# Half the circumference: no two points on the sphere are farther apart than this.
MAX_DISTANCE_KM = math.pi * EARTH_MEAN_RADIUS_KM


def haversine_km(latitude1: float, longitude1: float, latitude2: float, longitude2: float) -> float:
    """Return the great-circle distance in km between two points given in decimal degrees."""
    phi1 = math.radians(latitude1)
    phi2 = math.radians(latitude2)
    delta_phi = phi2 - phi1
    delta_lambda = math.radians(longitude2 - longitude1)
    half_chord = (
        math.sin(delta_phi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(delta_lambda / 2) ** 2
    )
    return 2 * EARTH_MEAN_RADIUS_KM * math.asin(min(1.0, math.sqrt(half_chord)))


@dataclass(frozen=True)
class BoundingBox:
    """Latitude and longitude ranges in degrees that contain every point within a radius.

    `longitude_ranges` has two ranges when the box crosses the antimeridian (180°), and spans
    the whole circle (-180 to 180) when the radius reaches over a pole.
    """

    min_latitude: float
    max_latitude: float
    longitude_ranges: tuple[tuple[float, float], ...]


def bounding_box(latitude: float, longitude: float, radius_km: float) -> BoundingBox:
    """Return the smallest latitude/longitude box holding the circle of `radius_km` around a point.

    The longitude half-width is asin(sin(r) / cos(latitude)) for the angular radius r, which
    is where the circle touches a meridian farthest from the centre, not the width at the
    centre's own latitude (that would miss points on the poleward side).
    """
    angular_radius = radius_km / EARTH_MEAN_RADIUS_KM
    phi = math.radians(latitude)
    min_phi = phi - angular_radius
    max_phi = phi + angular_radius
    whole_circle = ((-180.0, 180.0),)

    if min_phi <= -math.pi / 2 or max_phi >= math.pi / 2:
        # The circle contains a pole, so it spans every longitude.
        return BoundingBox(
            min_latitude=max(-90.0, math.degrees(min_phi)),
            max_latitude=min(90.0, math.degrees(max_phi)),
            longitude_ranges=whole_circle,
        )

    half_width = math.degrees(math.asin(math.sin(angular_radius) / math.cos(phi)))
    west = longitude - half_width
    east = longitude + half_width
    if west < -180.0:
        ranges: tuple[tuple[float, float], ...] = ((west + 360.0, 180.0), (-180.0, east))
    elif east > 180.0:
        ranges = ((west, 180.0), (-180.0, east - 360.0))
    else:
        ranges = ((west, east),)
    return BoundingBox(math.degrees(min_phi), math.degrees(max_phi), ranges)
