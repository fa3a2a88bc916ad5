"""The whole booking flow against Redis and the six services running as real processes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from devstack import Stack
from tests.integration.flow import (
    BOOKING_REFERENCE,
    DECLINED_CARD,
    SUCCESS_CARD,
    first_checkout_link,
    look_up_booking,
    rental_dates,
    search_lisbon,
    submit_checkout,
)

pytestmark = pytest.mark.integration

GERMAN_STRINGS = json.loads(
    (
        Path(__file__).resolve().parents[2]
        / "services/translations/src/translations_service/data/ui/de.json"
    ).read_text()
)


@pytest.fixture
def client(healthy_stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=healthy_stack.url("website"), timeout=30) as session:
        yield session


def test_home_page_in_german(client: httpx.Client) -> None:
    response = client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"})

    assert response.status_code == 200
    assert 'lang="de"' in response.text
    assert GERMAN_STRINGS["search.submit"] in response.text


def test_autocomplete_lis_offers_lisbon_airport(client: httpx.Client) -> None:
    response = client.get("/api/locations", params={"q": "Lis"})

    assert response.status_code == 200
    assert "airport-LIS" in [suggestion["id"] for suggestion in response.json()[:3]]


def test_booking_flow_books_and_finds_car(client: httpx.Client, healthy_stack: Stack) -> None:
    pick_up, drop_off = rental_dates()

    results = search_lisbon(client, pick_up, drop_off)
    assert results.status_code == 200
    assert 'class="car card"' in results.text
    assert '<p class="car-rating">' in results.text
    assert "€" in results.text

    checkout_url = first_checkout_link(results.text)
    checkout = client.get(checkout_url)
    assert checkout.status_code == 200

    paid = submit_checkout(client, checkout_url, checkout.text, SUCCESS_CARD)
    assert paid.status_code == 303
    assert "example.com" not in paid.headers["location"]
    confirmation = client.get(paid.headers["location"])
    assert confirmation.status_code == 200
    assert 'data-location-id="airport-LIS"' in confirmation.text
    assert "Airport (LIS)" in confirmation.text
    reference_match = BOOKING_REFERENCE.search(confirmation.text)
    assert reference_match
    reference = reference_match.group(0)

    # Another browser has no booking cookie, so it must prove the e-mail through the form.
    with httpx.Client(base_url=healthy_stack.url("website"), timeout=30) as other_browser:
        without_cookie = other_browser.get(f"/bookings/{reference}")
        assert without_cookie.status_code == 200
        assert "Ada Lovelace" not in without_cookie.text
        wrong_email = look_up_booking(other_browser, reference, "eve@example.com")
        assert wrong_email.status_code == 404
        assert "Ada Lovelace" not in wrong_email.text
        found = look_up_booking(other_browser, reference, "ada@example.com")
        assert found.status_code == 303
        assert found.headers["location"] == f"/bookings/{reference}"
        looked_up = other_browser.get(found.headers["location"])
        assert looked_up.status_code == 200
        assert reference in looked_up.text
        assert "Ada Lovelace" in looked_up.text


def test_declined_card_books_nothing(client: httpx.Client) -> None:
    pick_up, drop_off = rental_dates(days_ahead=20)
    checkout_url = first_checkout_link(search_lisbon(client, pick_up, drop_off).text)
    checkout = client.get(checkout_url)

    declined = submit_checkout(client, checkout_url, checkout.text, DECLINED_CARD)

    assert declined.status_code == 402
    assert "declined" in declined.text.lower()
    assert BOOKING_REFERENCE.search(declined.text) is None
    assert "Ada Lovelace" in declined.text
    assert "4000 0000 0000 0002" not in declined.text
    assert "4000000000000002" not in declined.text


def test_resilience_snapshot_lists_command_keys(client: httpx.Client) -> None:
    search_lisbon(client, *rental_dates())

    snapshot = client.get("/resilience").json()

    assert {"search", "ratings"} <= set(snapshot["commands"])
    assert snapshot["commands"]["ratings"]["breaker"]["state"] == "closed"
