"""Steps of the booking flow over real HTTP, shared by the integration tests."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urljoin

import httpx

from tests.integration.html_forms import find_form

BOOKING_REFERENCE = re.compile(r"RC-[A-Z2-9]{8}")
SUCCESS_CARD = "4242 4242 4242 4242"
DECLINED_CARD = "4000 0000 0000 0002"


def rental_dates(days_ahead: int = 10, rental_days: int = 3) -> tuple[str, str]:
    pick_up = date.today() + timedelta(days=days_ahead)
    return pick_up.isoformat(), (pick_up + timedelta(days=rental_days)).isoformat()


def search_lisbon(client: httpx.Client, pick_up: str, drop_off: str) -> httpx.Response:
    return client.get(
        "/search",
        params={
            "location": "Lisbon (LIS)",
            "location_id": "airport-LIS",
            "country_code": "PT",
            "pick_up": pick_up,
            "drop_off": drop_off,
        },
    )


def first_checkout_link(results_html: str) -> str:
    match = re.search(r'href="(/book/[^"]+)"', results_html)
    assert match, "the results page has no link to a checkout page"
    return match.group(1).replace("&amp;", "&")


def submit_checkout(
    client: httpx.Client, checkout_url: str, checkout_html: str, card_number: str
) -> httpx.Response:
    """Fill the checkout form as a customer would and submit it without following redirects."""
    form = find_form(checkout_html, containing="card_number")
    fields = dict(form.fields)
    fields.update(
        name="Ada Lovelace",
        email="ada@example.com",
        card_holder="Ada Lovelace",
        card_number=card_number,
        expiry_month="12",
        expiry_year=str(date.today().year + 3),
        cvc="123",
    )
    action = urljoin(checkout_url, form.action) if form.action else checkout_url
    return client.post(action, data=fields)


def look_up_booking(client: httpx.Client, reference: str, email: str) -> httpx.Response:
    """Fill the lookup form at `/bookings` and submit it without following redirects."""
    form = find_form(client.get("/bookings").text, containing="reference")
    assert form.method == "post", "the lookup form must not put the e-mail into the URL"
    fields = dict(form.fields)
    fields.update(reference=reference, email=email)
    return client.post(form.action or "/bookings", data=fields)
