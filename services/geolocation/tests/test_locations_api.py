"""GET /locations/{id} and GET /locations/nearest."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

# Praça do Comércio, in the centre of Lisbon.
LISBON_LATITUDE = 38.7077
LISBON_LONGITUDE = -9.1365


def test_lookup_returns_airport(client: TestClient) -> None:
    response = client.get("/locations/airport-LIS")

    assert response.status_code == 200
    assert response.json()["iata_code"] == "LIS"
    assert response.json()["name"] == "Lisbon Portela Airport"


def test_lookup_returns_city_with_population(client: TestClient) -> None:
    response = client.get("/locations/city-2267057")

    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "city"
    assert body["name"] == "Lisbon"
    assert body["iata_code"] is None
    assert body["population"] > 15_000
    assert body["time_zone"] == "Europe/Lisbon"


@pytest.mark.parametrize("location_id", ["airport-XXX", "city-0", "lisbon"])
def test_lookup_unknown_id_is_not_found(client: TestClient, location_id: str) -> None:
    response = client.get(f"/locations/{location_id}")

    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "message": f"No location has id '{location_id}'. Use /locations/autocomplete to find one.",
    }


def test_nearest_airport_to_lisbon_is_lis(client: TestClient) -> None:
    response = client.get(
        "/locations/nearest",
        params={"latitude": LISBON_LATITUDE, "longitude": LISBON_LONGITUDE, "kind": "airport"},
    )

    assert response.status_code == 200
    first = response.json()["results"][0]
    assert first["id"] == "airport-LIS"
    # 0.0736 degrees of latitude north, 0.0006 of longitude east: about 8.2 km.
    assert first["distance_km"] == pytest.approx(8.2, abs=0.1)


def test_nearest_orders_by_distance(client: TestClient) -> None:
    response = client.get(
        "/locations/nearest",
        params={"latitude": LISBON_LATITUDE, "longitude": LISBON_LONGITUDE, "limit": 50},
    )

    results = response.json()["results"]
    distances = [location["distance_km"] for location in results]
    assert len(results) == 50
    assert distances == sorted(distances)
    assert {location["kind"] for location in results} == {"airport", "city"}


def test_nearest_only_cities(client: TestClient) -> None:
    response = client.get(
        "/locations/nearest",
        params={"latitude": LISBON_LATITUDE, "longitude": LISBON_LONGITUDE, "kind": "city"},
    )

    assert {location["kind"] for location in response.json()["results"]} == {"city"}


def test_nearest_defaults_to_ten_results(client: TestClient) -> None:
    response = client.get("/locations/nearest", params={"latitude": 0, "longitude": 0})

    assert len(response.json()["results"]) == 10


def test_nearest_crosses_antimeridian(client: TestClient) -> None:
    # Taveuni, Fiji, just east of the antimeridian; most Fijian airports lie west of it.
    response = client.get(
        "/locations/nearest",
        params={"latitude": -16.69, "longitude": -179.88, "limit": 5, "kind": "airport"},
    )

    results = response.json()["results"]
    assert results[0]["id"] == "airport-TVU"
    assert any(location["longitude"] > 0 for location in results)
    assert all(location["distance_km"] < 500 for location in results)


def test_nearest_at_north_pole_searches_every_longitude(client: TestClient) -> None:
    response = client.get("/locations/nearest", params={"latitude": 90, "longitude": 0, "limit": 3})

    results = response.json()["results"]
    assert len(results) == 3
    assert all(location["latitude"] > 75 for location in results)


def test_nearest_far_from_land_widens_search(client: TestClient) -> None:
    # Pacific Ocean, more than 1,000 km from any airport.
    response = client.get(
        "/locations/nearest",
        params={"latitude": -40.0, "longitude": -130.0, "limit": 50},
    )

    results = response.json()["results"]
    assert len(results) == 50
    assert results[0]["distance_km"] > 1000


@pytest.mark.parametrize(
    ("params", "field", "value"),
    [
        ({"longitude": "0"}, "latitude", None),
        ({"latitude": "91", "longitude": "0"}, "latitude", "91"),
        ({"latitude": "-90.5", "longitude": "0"}, "latitude", "-90.5"),
        ({"latitude": "0", "longitude": "180.1"}, "longitude", "180.1"),
        ({"latitude": "0", "longitude": "-181"}, "longitude", "-181"),
        ({"latitude": "north", "longitude": "0"}, "latitude", "north"),
        ({"latitude": "nan", "longitude": "0"}, "latitude", "nan"),
        ({"latitude": "0", "longitude": "inf"}, "longitude", "inf"),
        ({"latitude": "0", "longitude": "0", "limit": "0"}, "limit", "0"),
        ({"latitude": "0", "longitude": "0", "kind": "harbour"}, "kind", "harbour"),
    ],
)
def test_nearest_rejects_invalid_query(
    client: TestClient, params: dict[str, str], field: str, value: str | None
) -> None:
    response = client.get("/locations/nearest", params=params)

    assert response.status_code == 422
    assert [(item["field"], item["value"]) for item in response.json()["detail"]] == [
        (field, value)
    ]
