"""Pages stay up with a backend process killed or Redis stopped.

Each scenario runs against its own stack, since it breaks parts of it on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from devstack import Stack
from devstack.testing import start_stack
from tests.integration.flow import (
    BOOKING_REFERENCE,
    SUCCESS_CARD,
    first_checkout_link,
    rental_dates,
    search_lisbon,
    submit_checkout,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def stack(shared_data_dir: Path) -> Iterator[Stack]:
    with start_stack(shared_data_dir) as running:
        yield running


def test_ratings_killed_results_still_shown(stack: Stack) -> None:
    stack.kill_service("ratings")

    with httpx.Client(base_url=stack.url("website"), timeout=30) as client:
        results = search_lisbon(client, *rental_dates(days_ahead=30))

    assert results.status_code == 200
    assert 'class="car card"' in results.text
    assert '<p class="car-rating">' not in results.text
    assert "car-rating-none" in results.text
    assert "Ratings are unavailable right now" in results.text


def test_redis_stopped_every_page_still_served(stack: Stack) -> None:
    stack.stop_redis()
    pick_up, drop_off = rental_dates(days_ahead=40)

    with httpx.Client(base_url=stack.url("website"), timeout=30) as client:
        assert client.get("/").status_code == 200
        assert client.get("/api/locations", params={"q": "Lis"}).status_code == 200
        results = search_lisbon(client, pick_up, drop_off)
        assert results.status_code == 200
        assert '<p class="car-rating">' in results.text

        checkout_url = first_checkout_link(results.text)
        checkout = client.get(checkout_url)
        assert checkout.status_code == 200
        paid = submit_checkout(client, checkout_url, checkout.text, SUCCESS_CARD)
        assert paid.status_code == 303
        assert "example.com" not in paid.headers["location"]
        # The booking cookie is signed by the website, so it works without Redis.
        confirmation = client.get(paid.headers["location"])
        assert confirmation.status_code == 200
        assert BOOKING_REFERENCE.search(confirmation.text)
        assert "Ada Lovelace" in confirmation.text
        assert client.get("/bookings").status_code == 200
        assert client.get("/resilience").status_code == 200
