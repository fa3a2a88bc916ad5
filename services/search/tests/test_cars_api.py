"""`GET /cars` and `GET /cars/{car_id}`: parameters, date checks, prices and not-found cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

PARAMS = {
    "location_id": "airport-LIS",
    "country_code": "PT",
    "pick_up": "2026-12-10",
    "drop_off": "2026-12-13",
}
CAR_FIELDS = {
    "car_id", "location_id", "model_key", "make", "model", "acriss_code", "category", "seats",
    "doors", "transmission", "fuel", "air_conditioning", "description", "currency",
    "daily_price", "total_price", "rental_days",
}  # fmt: skip


def test_search_prices_lisbon_in_euros(client: TestClient) -> None:
    response = client.get("/cars", params=PARAMS)

    assert response.status_code == 200
    body = response.json()
    assert body["location_id"] == "airport-LIS"
    assert body["pick_up"] == "2026-12-10"
    assert body["drop_off"] == "2026-12-13"
    assert body["rental_days"] == 3
    assert body["currency"] == "EUR"
    assert len(body["cars"]) >= 5
    for car in body["cars"]:
        assert set(car) == CAR_FIELDS
        assert car["currency"] == "EUR"
        assert car["location_id"] == "airport-LIS"
        assert car["car_id"].startswith("airport-LIS.")
        assert len(car["daily_price"].split(".")[1]) == 2
        assert Decimal(car["total_price"]) == Decimal(car["daily_price"]) * 3


def test_search_prices_tokyo_in_yen(client: TestClient) -> None:
    params = {**PARAMS, "location_id": "airport-NRT", "country_code": "JP"}

    response = client.get("/cars", params=params)

    assert response.status_code == 200
    assert response.json()["currency"] == "JPY"
    for car in response.json()["cars"]:
        assert car["currency"] == "JPY"
        assert car["daily_price"].isdigit(), car["daily_price"]
        assert car["total_price"].isdigit(), car["total_price"]
        assert int(car["total_price"]) == int(car["daily_price"]) * 3


def test_search_without_rate_prices_in_dollars(client: TestClient) -> None:
    params = {**PARAMS, "location_id": "airport-CCS", "country_code": "VE"}

    response = client.get("/cars", params=params)

    assert response.status_code == 200
    assert response.json()["currency"] == "USD"
    assert {car["currency"] for car in response.json()["cars"]} == {"USD"}


def test_search_accepts_lower_case_country(client: TestClient) -> None:
    response = client.get("/cars", params={**PARAMS, "country_code": "pt"})

    assert response.status_code == 200
    assert response.json()["currency"] == "EUR"


def test_search_is_repeatable(client: TestClient) -> None:
    first = client.get("/cars", params=PARAMS).json()
    second = client.get("/cars", params=PARAMS).json()

    assert first == second


@pytest.mark.parametrize(
    ("pick_up", "drop_off", "expected_text"),
    [
        ("2026-12-10", "2026-12-10", "is not after pick-up"),
        ("2026-12-10", "2026-12-09", "is not after pick-up"),
        ("2026-11-30", "2026-12-03", "is in the past"),
        ("2026-12-10", "2027-03-11", "the maximum is 90"),
    ],
)
def test_invalid_dates_are_400(
    client: TestClient, pick_up: str, drop_off: str, expected_text: str
) -> None:
    response = client.get("/cars", params={**PARAMS, "pick_up": pick_up, "drop_off": drop_off})

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_dates"
    assert expected_text in response.json()["message"]


def test_ninety_days_from_today_is_allowed(client: TestClient) -> None:
    params = {**PARAMS, "pick_up": "2026-12-01", "drop_off": "2027-03-01"}

    response = client.get("/cars", params=params)

    assert response.status_code == 200
    assert response.json()["rental_days"] == (date(2027, 3, 1) - date(2026, 12, 1)).days


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("location_id", "LIS"),
        ("location_id", "airport-lis"),
        ("location_id", "city-abc"),
        ("country_code", "PRT"),
        ("country_code", "XK"),
        ("country_code", "EU"),
        ("pick_up", "2026-13-01"),
        ("drop_off", "tomorrow"),
        ("language", "pt"),
    ],
)
def test_malformed_field_is_422(client: TestClient, field: str, value: str) -> None:
    response = client.get("/cars", params={**PARAMS, field: value})

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert [item["field"] for item in response.json()["detail"]] == [field]


def test_missing_country_code_is_422(client: TestClient) -> None:
    params = {key: value for key, value in PARAMS.items() if key != "country_code"}

    response = client.get("/cars", params=params)

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "country_code"


def test_car_matches_its_search_result(client: TestClient) -> None:
    listed = client.get("/cars", params=PARAMS).json()["cars"][0]

    response = client.get(
        f"/cars/{listed['car_id']}",
        params={"pick_up": PARAMS["pick_up"], "drop_off": PARAMS["drop_off"]},
    )

    assert response.status_code == 200
    car = response.json()
    assert {key: car[key] for key in CAR_FIELDS} == listed
    assert car["descriptions"]["source"] == "fallback"


def test_car_is_priced_for_its_dates(client: TestClient) -> None:
    listed = client.get("/cars", params=PARAMS).json()["cars"][0]

    response = client.get(
        f"/cars/{listed['car_id']}", params={"pick_up": "2026-12-20", "drop_off": "2026-12-27"}
    )

    assert response.status_code == 200
    assert response.json()["rental_days"] == 7
    assert Decimal(response.json()["total_price"]) == Decimal(listed["daily_price"]) * 7


def test_car_accepts_another_country(client: TestClient) -> None:
    listed = client.get("/cars", params=PARAMS).json()["cars"][0]

    response = client.get(
        f"/cars/{listed['car_id']}",
        params={"pick_up": "2026-12-10", "drop_off": "2026-12-11", "country_code": "JP"},
    )

    assert response.status_code == 200
    assert response.json()["currency"] == "JPY"


@pytest.mark.parametrize("car_id", ["airport-LIS.99", "airport-XXX.01", "nonsense"])
def test_unknown_car_is_404(client: TestClient, car_id: str) -> None:
    client.get("/cars", params=PARAMS)

    response = client.get(
        f"/cars/{car_id}", params={"pick_up": "2026-12-10", "drop_off": "2026-12-13"}
    )

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert car_id in response.json()["message"]


def test_car_with_invalid_dates_is_400(client: TestClient) -> None:
    listed = client.get("/cars", params=PARAMS).json()["cars"][0]

    response = client.get(
        f"/cars/{listed['car_id']}", params={"pick_up": "2026-12-10", "drop_off": "2026-12-01"}
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_dates"


def test_resilience_snapshot_has_descriptions_command(client: TestClient) -> None:
    client.get("/cars", params=PARAMS)

    response = client.get("/resilience")

    assert response.status_code == 200
    command = response.json()["commands"]["descriptions"]
    assert command["dependency"] == "translations"
    assert command["outcomes"]["failure"] >= 1
    assert "translations" in response.json()["pools"]


def test_health_check_names_service(client: TestClient) -> None:
    response = client.get("/healthz")

    assert response.json() == {"status": "ok", "service": "search"}
