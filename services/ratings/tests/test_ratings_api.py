"""GET /ratings/{model_key} and GET /ratings?model_keys=..."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from ratings_service.catalog import MODEL_KEYS
from ratings_service.seed import derive_rating


def detail_entries(body: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(item["field"], item["value"]) for item in body["detail"]]


def test_rating_of_known_model(client: TestClient) -> None:
    response = client.get("/ratings/volkswagen-golf")

    assert response.status_code == 200
    expected = derive_rating("volkswagen-golf")
    assert response.json() == {
        "model_key": "volkswagen-golf",
        "rating": expected.rating,
        "review_count": expected.review_count,
    }


def test_every_catalog_model_has_rating(client: TestClient) -> None:
    for model_key in MODEL_KEYS:
        response = client.get(f"/ratings/{model_key}")
        assert response.status_code == 200, model_key
        body = response.json()
        assert 1.0 <= body["rating"] <= 5.0
        assert body["rating"] == round(body["rating"], 1)
        assert body["review_count"] >= 0


def test_rating_of_unknown_model_is_not_found(client: TestClient) -> None:
    response = client.get("/ratings/tesla-model-x")

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert "'tesla-model-x'" in response.json()["message"]


@pytest.mark.parametrize("model_key", ["Volkswagen-Golf", "vw_golf", "fiat--500", "-fiat"])
def test_rating_of_malformed_key_is_invalid(client: TestClient, model_key: str) -> None:
    response = client.get(f"/ratings/{model_key}")

    assert response.status_code == 422
    assert detail_entries(response.json()) == [("model_key", model_key)]


def test_batch_returns_ratings_in_request_order(client: TestClient) -> None:
    response = client.get("/ratings", params={"model_keys": "volkswagen-golf,fiat-500"})

    assert response.status_code == 200
    body = response.json()
    assert list(body["ratings"]) == ["volkswagen-golf", "fiat-500"]
    assert body["ratings"]["fiat-500"]["rating"] == derive_rating("fiat-500").rating
    assert body["missing"] == []


def test_batch_lists_unknown_keys_as_missing(client: TestClient) -> None:
    response = client.get(
        "/ratings", params={"model_keys": "fiat-500,flying-car,volkswagen-golf,moon-buggy"}
    )

    assert response.status_code == 200
    body = response.json()
    assert list(body["ratings"]) == ["fiat-500", "volkswagen-golf"]
    assert body["missing"] == ["flying-car", "moon-buggy"]


def test_batch_of_only_unknown_keys(client: TestClient) -> None:
    response = client.get("/ratings", params={"model_keys": "flying-car"})

    assert response.status_code == 200
    assert response.json() == {"ratings": {}, "missing": ["flying-car"]}


def test_batch_ignores_spaces_and_duplicates(client: TestClient) -> None:
    response = client.get("/ratings", params={"model_keys": " fiat-500 ,fiat-500, kia-picanto"})

    assert response.status_code == 200
    assert list(response.json()["ratings"]) == ["fiat-500", "kia-picanto"]


def test_batch_accepts_50_keys(client: TestClient) -> None:
    keys = [*MODEL_KEYS, *(f"unknown-{number}" for number in range(50 - len(MODEL_KEYS)))]

    response = client.get("/ratings", params={"model_keys": ",".join(keys)})

    assert response.status_code == 200
    assert len(response.json()["ratings"]) == len(MODEL_KEYS)
    assert len(response.json()["missing"]) == 50 - len(MODEL_KEYS)


def test_batch_rejects_51_keys(client: TestClient) -> None:
    keys = ",".join(f"model-{number}" for number in range(51))

    response = client.get("/ratings", params={"model_keys": keys})

    assert response.status_code == 422
    [entry] = response.json()["detail"]
    assert entry["field"] == "model_keys"
    assert "51 model keys" in entry["message"]
    assert "maximum is 50" in entry["message"]


def test_batch_names_each_invalid_key(client: TestClient) -> None:
    response = client.get("/ratings", params={"model_keys": "fiat-500,VW Golf,kia_picanto"})

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert detail_entries(response.json()) == [
        ("model_keys", "VW Golf"),
        ("model_keys", "kia_picanto"),
    ]
    assert "'VW Golf'" in response.json()["detail"][0]["message"]


@pytest.mark.parametrize(
    "model_keys", ["", "  ", "fiat-500,", ",fiat-500", "fiat-500,,kia-picanto"]
)
def test_batch_rejects_empty_entries(client: TestClient, model_keys: str) -> None:
    response = client.get("/ratings", params={"model_keys": model_keys})

    assert response.status_code == 422
    assert [field for field, _ in detail_entries(response.json())] == ["model_keys"]


def test_batch_requires_model_keys(client: TestClient) -> None:
    response = client.get("/ratings")

    assert response.status_code == 422
    assert detail_entries(response.json()) == [("model_keys", None)]
