"""GET /locations/autocomplete: matching, ranking and query validation."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

LISBON_CITY_ID = "city-2267057"
ZURICH_CITY_ID = "city-2657896"
NEW_YORK_CITY_ID = "city-5128581"


def autocomplete_ids(client: TestClient, query: str, limit: int = 10) -> list[str]:
    response = client.get("/locations/autocomplete", params={"q": query, "limit": limit})
    assert response.status_code == 200, response.text
    return [location["id"] for location in response.json()["results"]]


@pytest.mark.parametrize("query", ["Lis", "lis", "LIS", "lIs"])
def test_autocomplete_finds_lis_in_any_case(client: TestClient, query: str) -> None:
    assert "airport-LIS" in autocomplete_ids(client, query)


def test_autocomplete_ranks_exact_iata_code_first(client: TestClient) -> None:
    assert autocomplete_ids(client, "LIS")[0] == "airport-LIS"
    assert autocomplete_ids(client, "Lis")[0] == "airport-LIS"
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


@pytest.mark.parametrize(
    "query",
    [
        "lisbon airport",
        "airport lisbon",
        "Lisbon Air",
        "Flughafen Lissabon",
        "AÉROPORT Lisbonne",
        "aeropuerto lisboa",
        "aeroporto lisboa",
        "lisbon portela",
        "LIS airport",
        "lisbon portugal airport",
    ],
)
def test_autocomplete_multi_word_finds_lis_first(client: TestClient, query: str) -> None:
    assert autocomplete_ids(client, query)[0] == "airport-LIS"


def test_autocomplete_multi_word_ignores_word_order(client: TestClient) -> None:
    assert autocomplete_ids(client, "lisbon airport") == autocomplete_ids(client, "airport lisbon")


def test_autocomplete_airport_word_matches_only_airports(client: TestClient) -> None:
    response = client.get("/locations/autocomplete", params={"q": "lisbon airport", "limit": 50})

    results = response.json()["results"]
    assert results
    assert {location["kind"] for location in results} == {"airport"}
    assert LISBON_CITY_ID not in [location["id"] for location in results]


def test_autocomplete_alternate_later_word_ranks_lower(client: TestClient) -> None:
    # Huambo (NOV), Angola, was called Nova Lisboa, and it has more people than Lisbon.
    ids = autocomplete_ids(client, "aeroporto lisboa")

    assert ids.index("airport-LIS") < ids.index("airport-NOV")


def test_autocomplete_new_york_finds_city_and_airports(client: TestClient) -> None:
    ids = autocomplete_ids(client, "new york", limit=20)

    assert ids[0] == NEW_YORK_CITY_ID
    assert "airport-JFK" in ids
    assert "airport-LGA" in ids
    # airportsdata names Newark as the city of EWR, so EWR has no word that starts with "york".
    assert "airport-EWR" not in ids


def test_autocomplete_new_york_airport_lists_airports(client: TestClient) -> None:
    ids = autocomplete_ids(client, "new york airport")

    assert ids[:2] == ["airport-JFK", "airport-LGA"]
    assert NEW_YORK_CITY_ID not in ids


def test_autocomplete_multi_word_matches_country_name(client: TestClient) -> None:
    ids = autocomplete_ids(client, "paris france")

    assert ids[0] == "city-2988507"
    assert "airport-CDG" in ids
    assert "city-4717560" not in autocomplete_ids(client, "paris france", limit=50)


@pytest.mark.parametrize("query", ["lisbon qxzqxz", "qxzqxz airport", "lisbon heathrow"])
def test_autocomplete_unmatched_word_matches_nothing(client: TestClient, query: str) -> None:
    assert autocomplete_ids(client, query) == []


def test_autocomplete_repeated_word_matches_as_one(client: TestClient) -> None:
    assert autocomplete_ids(client, "lis lisbon airport") == autocomplete_ids(
        client, "lisbon airport"
    )


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
