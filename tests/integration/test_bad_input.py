"""Bad input gets a clear 4xx with the message in the user's language, never a 5xx."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from devstack import Stack
from tests.integration.flow import first_checkout_link, rental_dates, search_lisbon, submit_checkout

pytestmark = pytest.mark.integration

UI_STRINGS = Path(__file__).resolve().parents[2] / (
    "services/translations/src/translations_service/data/ui"
)
FRENCH = json.loads((UI_STRINGS / "fr.json").read_text())


@pytest.fixture
def client(healthy_stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=healthy_stack.url("website"),
        timeout=30,
        headers={"Accept-Language": "fr-FR,fr;q=0.9"},
    ) as session:
        yield session


def search(client: httpx.Client, **overrides: str) -> httpx.Response:
    pick_up, drop_off = rental_dates()
    params = {"location": "Lisbon", "location_id": "", "pick_up": pick_up, "drop_off": drop_off}
    params.update(overrides)
    return client.get("/search", params=params)


def test_unknown_location_is_form_error(client: httpx.Client) -> None:
    response = search(client, location="Qqqzzxq")

    assert 400 <= response.status_code < 500
    assert "Qqqzzxq" in response.text
    assert 'lang="fr"' in response.text


def test_pick_up_after_drop_off_is_form_error(client: httpx.Client) -> None:
    later = (date.today() + timedelta(days=12)).isoformat()
    earlier = (date.today() + timedelta(days=9)).isoformat()

    response = search(client, pick_up=later, drop_off=earlier)

    assert 400 <= response.status_code < 500
    assert FRENCH["form.error.drop_off_not_after_pick_up"] in response.text
    assert later in response.text


def test_past_pick_up_is_form_error(client: httpx.Client) -> None:
    response = search(client, pick_up="2020-01-01", drop_off="2020-01-04")

    assert 400 <= response.status_code < 500
    assert "2020-01-01" in response.text


@pytest.mark.parametrize("field", ["location", "pick_up", "drop_off"])
def test_empty_search_field_is_form_error(client: httpx.Client, field: str) -> None:
    response = search(client, **{field: ""})

    assert 400 <= response.status_code < 500


def test_malformed_card_number_is_form_error(client: httpx.Client) -> None:
    checkout_url = first_checkout_link(search_lisbon(client, *rental_dates(days_ahead=50)).text)
    checkout = client.get(checkout_url)

    response = submit_checkout(client, checkout_url, checkout.text, "4242 4242 4242 4241")

    assert 400 <= response.status_code < 500
    assert FRENCH["form.error.card_number_invalid"] in response.text
    assert "4242 4242 4242 4241" not in response.text
    assert "Ada Lovelace" in response.text


def test_unknown_language_is_400(client: httpx.Client) -> None:
    response = client.get("/", params={"lang": "xx"})

    assert response.status_code == 400
    assert "xx" in response.text


def test_huge_query_string_is_4xx(client: httpx.Client) -> None:
    response = client.get("/search", params={"location": "L" * 20_000})

    assert 400 <= response.status_code < 500


def test_unknown_car_is_404(client: httpx.Client) -> None:
    pick_up, drop_off = rental_dates()

    response = client.get("/book/airport-ZZZ.99", params={"pick_up": pick_up, "drop_off": drop_off})

    assert response.status_code == 404
