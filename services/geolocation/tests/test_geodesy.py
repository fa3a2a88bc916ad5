"""Great-circle distance and the bounding box that prefilters nearest-location searches."""

from __future__ import annotations

import math
import random

import pytest

from geolocation_service.geodesy import (
    EARTH_MEAN_RADIUS_KM,
    MAX_DISTANCE_KM,
    bounding_box,
    haversine_km,
)


def test_haversine_one_degree_on_equator() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(2 * math.pi * EARTH_MEAN_RADIUS_KM / 360)


def test_haversine_antipodes_are_half_circumference_apart() -> None:
    assert haversine_km(0, 0, 0, 180) == pytest.approx(MAX_DISTANCE_KM)
    assert haversine_km(90, 0, -90, 0) == pytest.approx(MAX_DISTANCE_KM)


def test_haversine_equator_to_pole_is_quarter_circumference() -> None:
    assert haversine_km(0, 0, 90, 0) == pytest.approx(MAX_DISTANCE_KM / 2)
    assert haversine_km(0, -70, -90, 120) == pytest.approx(MAX_DISTANCE_KM / 2)


def test_bounding_box_splits_at_antimeridian() -> None:
    box = bounding_box(-16.7, 179.9, 100)

    assert len(box.longitude_ranges) == 2
    (west, west_end), (east_start, east) = box.longitude_ranges
    assert west_end == 180.0
    assert east_start == -180.0
    assert 178.0 < west < 179.9
    assert -180.0 < east < -179.0


def test_bounding_box_around_pole_spans_every_longitude() -> None:
    box = bounding_box(89.5, 10, 100)

    assert box.longitude_ranges == ((-180.0, 180.0),)
    assert box.max_latitude == 90.0


@pytest.mark.parametrize(
    ("latitude", "longitude", "radius_km"),
    [(38.7, -9.1, 50), (64.1, -21.9, 400), (-33.9, 151.2, 3000), (0.0, 179.5, 200)],
)
def test_bounding_box_contains_every_point_within_radius(
    latitude: float, longitude: float, radius_km: float
) -> None:
    box = bounding_box(latitude, longitude, radius_km)
    generator = random.Random(20261210)

    inside = 0
    for _ in range(20_000):
        point_latitude = latitude + generator.uniform(-40, 40)
        point_longitude = (longitude + generator.uniform(-60, 60) + 180) % 360 - 180
        if not -90 <= point_latitude <= 90:
            continue
        if haversine_km(latitude, longitude, point_latitude, point_longitude) > radius_km:
            continue
        inside += 1
        assert box.min_latitude <= point_latitude <= box.max_latitude
        assert any(west <= point_longitude <= east for west, east in box.longitude_ranges)
    assert inside > 0
