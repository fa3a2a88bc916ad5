"""GET /locations/autocomplete: matching, ranking and query validation."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

LISBON_CITY_ID = "city-2267057"
ZURICH_CITY_ID = "city-2657896"


def autocomplete_ids(client: TestClient, query: str, limit: int = 10) -> list[str]:
    response = client.get("/locations/autocomplete", params={"q": query, "limit": limit})
    assert response.status_code == 200, response.text
    return [location["id"] for location in response.json()["results"]]


@pytest.mark.parametrize("query", ["Lis", "lis", "LIS", "lIs"])
def test_autocomplete_finds_lis_in_any_case(client: TestClient, query: str) -> None:
    assert "airport-LIS" in autocomplete_ids(client, query)


def test_autocomplete_ranks_exact_iata_code_first(client: TestClient) -> None:
    assert autocomplete_ids(client, "LIS")[0] == "airport-LIS"
    assert autocomplete_ids(client, "mad")[0] == "airport-MAD"


def test_autocomplete_city_name_gives_city_then_airport(client: TestClient) -> None:
    ids = autocomplete_ids(client, "Lisbon")

    assert ids[:2] == [LISBON_CITY_ID, "airport-LIS"]


def test_autocomplete_ranks_larger_city_first(client: TestClient) -> None:
    ids = autocomplete_ids(client, "London", limit=20)

    london_england = "city-2643743"
    london_ontario = "city-6058560"
    assert ids[0] == london_england
    assert "airport-LHR" in ids
    assert ids.index("airport-LHR") < ids.index(london_ontario)
    assert ids.index(london_ontario) < ids.index("airport-YXU")


@pytest.mark.parametrize("query", ["Zurich", "zürich", "ZÜRICH", "Zuri"])
def test_autocomplete_ignores_accents_and_case(client: TestClient, query: str) -> None:
    ids = autocomplete_ids(client, query)

    assert ids[0] == ZURICH_CITY_ID
    assert "airport-ZRH" in ids


def test_autocomplete_result_keeps_accented_name(client: TestClient) -> None:
    response = client.get("/locations/autocomplete", params={"q": "Zurich", "limit": 1})

    assert response.json()["results"][0]["name"] == "Zürich"


def test_autocomplete_finds_city_by_alternate_name(client: TestClient) -> None:
    ids = autocomplete_ids(client, "Lissabon")

    assert ids[:2] == [LISBON_CITY_ID, "airport-LIS"]


def test_autocomplete_finds_airport_by_later_word(client: TestClient) -> None:
    assert autocomplete_ids(client, "Heathrow") == ["airport-LHR"]


def test_autocomplete_returns_location_fields(client: TestClient) -> None:
    response = client.get("/locations/autocomplete", params={"q": "LIS", "limit": 1})

    assert response.json() == {
        "query": "LIS",
        "results": [
            {
                "id": "airport-LIS",
                "kind": "airport",
                "iata_code": "LIS",
                "name": "Lisbon Portela Airport",
                "city": "Lisbon",
                "country_code": "PT",
                "latitude": 38.7813,
                "longitude": -9.13592,
                "time_zone": "Europe/Lisbon",
                "population": None,
            }
        ],
    }


def test_autocomplete_trims_query(client: TestClient) -> None:
    response = client.get("/locations/autocomplete", params={"q": "  Lisbon  "})

    assert response.json()["query"] == "Lisbon"
    assert response.json()["results"][0]["id"] == LISBON_CITY_ID


def test_autocomplete_honours_limit(client: TestClient) -> None:
    assert len(autocomplete_ids(client, "a", limit=50)) == 50
    assert len(autocomplete_ids(client, "a", limit=1)) == 1
    assert len(autocomplete_ids(client, "a")) == 10


def test_autocomplete_order_is_repeatable(client: TestClient) -> None:
    first = autocomplete_ids(client, "San", limit=50)
    second = autocomplete_ids(client, "San", limit=50)

    assert first == second
    assert len(set(first)) == len(first)


def test_autocomplete_punctuation_only_matches_nothing(client: TestClient) -> None:
    assert autocomplete_ids(client, "--") == []


def test_autocomplete_unknown_prefix_matches_nothing(client: TestClient) -> None:
    assert autocomplete_ids(client, "Qxzqxz") == []


def invalid_fields(body: dict[str, Any]) -> dict[str, Any]:
    return {item["field"]: item["value"] for item in body["detail"]}


@pytest.mark.parametrize(
    ("params", "field", "value"),
    [
        ({}, "q", None),
        ({"q": ""}, "q", ""),
        ({"q": "   "}, "q", "   "),
        ({"q": "a" * 101}, "q", "a" * 100 + "..."),
        ({"q": "Lis", "limit": "0"}, "limit", "0"),
        ({"q": "Lis", "limit": "51"}, "limit", "51"),
        ({"q": "Lis", "limit": "ten"}, "limit", "ten"),
    ],
)
def test_autocomplete_rejects_invalid_query(
    client: TestClient, params: dict[str, str], field: str, value: str | None
) -> None:
    response = client.get("/locations/autocomplete", params=params)

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert invalid_fields(response.json()) == {field: value}


def test_autocomplete_accepts_query_of_100_characters(client: TestClient) -> None:
    response = client.get("/locations/autocomplete", params={"q": "a" * 100})

    assert response.status_code == 200
    assert response.json()["results"] == []
