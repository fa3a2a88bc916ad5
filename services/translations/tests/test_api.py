"""The HTTP API as the website and the search service use it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from translations_service.languages import SUPPORTED_LANGUAGES

# ISO 3166-1 assigns 249 alpha-2 codes.
ISO_COUNTRY_COUNT = 249


def test_languages_are_named_in_their_own_language(client: TestClient) -> None:
    response = client.get("/languages")

    assert response.status_code == 200
    assert response.json() == {
        "languages": [
            {"code": "en", "name": "English"},
            {"code": "de", "name": "Deutsch"},
            {"code": "fr", "name": "Français"},
            {"code": "es", "name": "Español"},
            {"code": "it", "name": "Italiano"},
        ]
    }


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_ui_strings_have_every_english_key(client: TestClient, language: str) -> None:
    english = client.get("/ui/en").json()["strings"]

    response = client.get(f"/ui/{language}")

    assert response.status_code == 200
    assert response.json()["language"] == language
    assert sorted(response.json()["strings"]) == sorted(english)
    assert "site.name" in english


def test_ui_strings_are_translated(client: TestClient) -> None:
    english = client.get("/ui/en").json()["strings"]
    german = client.get("/ui/de").json()["strings"]

    assert german["search.submit"] != english["search.submit"]


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_descriptions_exist_in_every_language(client: TestClient, language: str) -> None:
    response = client.get(
        f"/descriptions/{language}", params={"model_keys": "volkswagen-golf,fiat-500"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["language"] == language
    assert list(body["descriptions"]) == ["volkswagen-golf", "fiat-500"]
    assert all(text for text in body["descriptions"].values())
    assert body["missing"] == []


def test_german_description_differs_from_english(client: TestClient) -> None:
    params = {"model_keys": "volkswagen-golf"}
    english = client.get("/descriptions/en", params=params).json()["descriptions"]
    german = client.get("/descriptions/de", params=params).json()["descriptions"]

    assert german["volkswagen-golf"] != english["volkswagen-golf"]
    assert "Kompakte" in german["volkswagen-golf"]


def test_descriptions_list_unknown_models_as_missing(client: TestClient) -> None:
    response = client.get(
        "/descriptions/fr", params={"model_keys": "trabant-601,fiat-500,trabant-601"}
    )

    assert response.status_code == 200
    assert list(response.json()["descriptions"]) == ["fiat-500"]
    assert response.json()["missing"] == ["trabant-601"]


def test_descriptions_accept_fifty_keys(client: TestClient) -> None:
    keys = ",".join(f"model-{index}" for index in range(50))

    response = client.get("/descriptions/en", params={"model_keys": keys})

    assert response.status_code == 200
    assert len(response.json()["missing"]) == 50


def test_descriptions_reject_over_fifty_keys(client: TestClient) -> None:
    keys = ",".join(f"model-{index}" for index in range(51))

    response = client.get("/descriptions/en", params={"model_keys": keys})

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert response.json()["detail"][0]["field"] == "model_keys"
    assert "51 model keys" in response.json()["detail"][0]["message"]


@pytest.mark.parametrize(
    "model_keys",
    [
        "Fiat-500",
        "fiat_500",
        "fiat-500,,kia-picanto",
        "fiat-500,",
        "-fiat",
        "fiat--500",
        "fiat 500",
        "a" * 65,
    ],
)
def test_descriptions_reject_malformed_keys(client: TestClient, model_keys: str) -> None:
    response = client.get("/descriptions/en", params={"model_keys": model_keys})

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "model_keys"
    assert "malformed" in response.json()["detail"][0]["message"]


def test_descriptions_require_model_keys(client: TestClient) -> None:
    response = client.get("/descriptions/en")

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "model_keys"


def test_countries_names_portugal_in_german(client: TestClient) -> None:
    response = client.get("/countries/de")

    assert response.status_code == 200
    assert response.json()["language"] == "de"
    countries = response.json()["countries"]
    assert countries["PT"] == "Portugal"
    assert countries["DE"] == "Deutschland"
    assert countries["JP"] == "Japan"


def test_countries_contain_only_iso_codes(client: TestClient) -> None:
    countries = client.get("/countries/en").json()["countries"]

    assert len(countries) == ISO_COUNTRY_COUNT
    for code in ("EU", "UN", "XK", "ZZ", "IC", "150", "001"):
        assert code not in countries, code
    assert countries["GB"] == "United Kingdom"


@pytest.mark.parametrize(
    "path", ["/ui/pt", "/descriptions/pt?model_keys=fiat-500", "/countries/pt", "/ui/DE"]
)
def test_unsupported_language_is_404(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.json()["error"] == "unsupported_language"
    assert "en, de, fr, es, it" in response.json()["message"]


def test_unsupported_language_message_shortens_long_values(client: TestClient) -> None:
    response = client.get("/ui/" + "x" * 500)

    assert response.status_code == 404
    assert len(response.json()["message"]) < 200
