"""Checkout, payment outcomes and booking lookup, against real search and payments services."""

from __future__ import annotations

import base64
import json
import re
from datetime import date
from typing import TYPE_CHECKING

import httpx
import pytest
from fastapi.testclient import TestClient

from devstack import Stack
from resilient_client import ManualClock
from website.booking_access import COOKIE_NAME

if TYPE_CHECKING:
    from conftest import PageReader, RenderedPage, WebsiteFactory

DECLINED_CARD = "4000 0000 0000 9995"
SUCCESS_CARD = "5555 5555 5555 4444"
# The pick-up location widget as text: label, city, country, airport (LIS) and its state.
LISBON_WIDGET = r"{label} Lisbon, {country} · [^()]+ Airport \(LIS\) {state}: ({live}|{cache})"


def open_checkout(
    website: TestClient, read_page: PageReader, dates: tuple[date, date], language: str = "en"
) -> tuple[str, RenderedPage]:
    """Search Lisbon airport, follow the first car's Choose link, and return its URL and page."""
    pick_up, drop_off = dates
    params = {
        "location": "Lisbon",
        "location_id": "airport-LIS",
        "pick_up": str(pick_up),
        "drop_off": str(drop_off),
    }
    headers = {"Accept-Language": language}
    results = read_page(website.get("/search", params=params, headers=headers))
    checkout_url = results.links("/book/")[0]
    return checkout_url, read_page(website.get(checkout_url, headers=headers))


def book_car(website: TestClient, read_page: PageReader, dates: tuple[date, date]) -> str:
    """Book the first car at Lisbon airport and return the booking page URL it redirects to."""
    checkout_url, checkout = open_checkout(website, read_page, dates)
    booked = website.post(checkout_url, data=filled_form(checkout), follow_redirects=False)
    assert booked.status_code == 303
    location: str = booked.headers["location"]
    return location


def look_up(
    website: TestClient, reference: str, email: str, language: str = "en"
) -> httpx.Response:
    """Submit the lookup form as a browser would, without following the redirect."""
    return website.post(
        "/bookings",
        data={"reference": reference, "email": email},
        headers={"Accept-Language": language},
        follow_redirects=False,
    )


def filled_form(checkout: RenderedPage, card_number: str = SUCCESS_CARD) -> dict[str, str]:
    key = checkout.field("idempotency_key")
    assert key
    return {
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "card_holder": "A. Lovelace",
        "card_number": card_number,
        "expiry_month": "12",
        "expiry_year": str(date.today().year + 3),
        "cvc": "123",
        "idempotency_key": key,
    }


def test_checkout_shows_car_total_and_key(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)

    _, checkout = open_checkout(website, read_page, rental_dates)

    assert checkout.status_code == 200
    assert "Complete your booking" in checkout.text
    assert "€" in checkout.text
    assert "Pay €" in checkout.text
    for name in ("name", "email", "card_holder", "card_number", "cvc"):
        assert checkout.field(name) == ""
    key = checkout.field("idempotency_key")
    assert key is not None
    assert len(key) == 36


def test_booking_success_shows_confirmation(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    checkout_url, checkout = open_checkout(website, read_page, rental_dates)

    response = website.post(checkout_url, data=filled_form(checkout), follow_redirects=False)

    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/bookings/RC-")
    assert "?" not in location
    assert "example.com" not in location
    reference = location.split("/")[2]
    confirmation = read_page(website.get(location))
    assert confirmation.status_code == 200
    assert "Your booking is confirmed" in confirmation.text
    assert reference in confirmation.text
    assert "Mastercard ending in 4444" in confirmation.text
    assert "5555 5555 5555 4444" not in confirmation.html
    assert re.search(
        LISBON_WIDGET.format(
            label="Pick-up location",
            country="Portugal",
            state="Location",
            live="live",
            cache="from cache",
        ),
        confirmation.text,
    )
    assert 'data-location-id="airport-LIS"' in confirmation.html


def test_booking_cookie_is_scoped_without_card(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    checkout_url, checkout = open_checkout(website, read_page, rental_dates)
    form = filled_form(checkout)

    response = website.post(checkout_url, data=form, follow_redirects=False)

    header = response.headers["set-cookie"]
    reference = response.headers["location"].split("/")[2]
    assert header.startswith(f"{COOKIE_NAME}=")
    assert f"Path=/bookings/{reference}" in header
    assert "HttpOnly" in header
    assert "SameSite=lax" in header
    assert "Max-Age=900" in header
    value = header.split(";")[0].split("=", 1)[1]
    payload = json.loads(base64.urlsafe_b64decode(value.split(".")[0] + "==="))
    assert sorted(payload) == ["email", "expires_at", "reference"]
    for secret in (form["card_number"], form["card_number"].replace(" ", ""), form["cvc"]):
        assert secret not in json.dumps(payload)
    assert form["idempotency_key"] not in header


def test_checkout_shows_pick_up_location(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)

    _, checkout = open_checkout(website, read_page, rental_dates, language="de")

    assert checkout.status_code == 200
    assert re.search(
        LISBON_WIDGET.format(
            label="Abholort", country="Portugal", state="Ort", live="aktuell", cache="aus dem Cache"
        ),
        checkout.text,
    )
    assert 'data-location-id="airport-LIS"' in checkout.html


def test_booking_page_without_cookie_asks_email(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    location = book_car(make_website(stack), read_page, rental_dates)
    reference = location.split("/")[2]
    other_browser = make_website(stack)

    page = read_page(other_browser.get(location))

    assert page.status_code == 200
    assert "Find your booking" in page.text
    assert page.field("reference") == reference
    assert page.field("email") == ""
    assert "Ada Lovelace" not in page.text
    assert "ada@example.com" not in page.html
    assert "Your booking is confirmed" not in page.text


def test_expired_cookie_asks_email_again(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    clock = ManualClock()
    website = make_website(stack, clock=clock)
    location = book_car(website, read_page, rental_dates)
    fresh = read_page(website.get(location))

    clock.advance(900)
    expired = read_page(website.get(location))

    assert "Your booking is confirmed" in fresh.text
    assert expired.status_code == 200
    assert "Your booking is confirmed" not in expired.text
    assert expired.field("reference") == location.split("/")[2]


def test_forged_cookie_asks_email(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEBSITE_SESSION_SECRET", "the-first-secret-of-at-least-32-bytes")
    first = make_website(stack)
    location = book_car(first, read_page, rental_dates)
    issued = first.cookies.get(COOKIE_NAME)
    monkeypatch.setenv("WEBSITE_SESSION_SECRET", "another-secret-with-at-least-32-bytes")
    second = make_website(stack)

    page = read_page(second.get(location, headers={"Cookie": f"{COOKIE_NAME}={issued}"}))

    assert issued
    assert page.status_code == 200
    assert "Your booking is confirmed" not in page.text
    assert page.field("reference") == location.split("/")[2]


def test_double_submit_books_once(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    checkout_url, checkout = open_checkout(website, read_page, rental_dates)
    form = filled_form(checkout)

    first = website.post(checkout_url, data=form, follow_redirects=False)
    second = website.post(checkout_url, data=form, follow_redirects=False)

    assert first.status_code == 303
    assert second.status_code == 303
    assert second.headers["location"] == first.headers["location"]


def test_changed_details_with_used_key_warn(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    checkout_url, checkout = open_checkout(website, read_page, rental_dates)
    form = filled_form(checkout)
    first = website.post(checkout_url, data=form, follow_redirects=False)

    changed = read_page(
        website.post(checkout_url, data={**form, "name": "Ada King"}, follow_redirects=False)
    )

    assert first.status_code == 303
    assert changed.status_code == 422
    assert "These details differ from your earlier attempt" in changed.text
    assert changed.field("name") == "Ada King"
    assert changed.field("idempotency_key") != form["idempotency_key"]


def test_decline_keeps_fields_but_not_card(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    checkout_url, checkout = open_checkout(website, read_page, rental_dates, language="de")
    form = filled_form(checkout, card_number=DECLINED_CARD)

    response = website.post(
        checkout_url, data=form, headers={"Accept-Language": "de"}, follow_redirects=False
    )
    page = read_page(response)

    assert page.status_code == 402
    assert "wegen unzureichender Deckung abgelehnt" in page.text
    assert "RC-" not in page.text
    assert page.field("name") == "Ada Lovelace"
    assert page.field("email") == "ada@example.com"
    assert page.field("card_holder") == "A. Lovelace"
    assert page.field("card_number") == ""
    assert page.field("cvc") == ""
    assert "4000 0000 0000 9995" not in page.html
    assert "4000000000009995" not in page.html
    assert page.field("idempotency_key") != form["idempotency_key"]


def test_retry_after_decline_books(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    checkout_url, checkout = open_checkout(website, read_page, rental_dates)
    declined = read_page(
        website.post(
            checkout_url, data=filled_form(checkout, DECLINED_CARD), follow_redirects=False
        )
    )

    retry = website.post(checkout_url, data=filled_form(declined), follow_redirects=False)

    assert declined.status_code == 402
    assert retry.status_code == 303
    assert retry.headers["location"].startswith("/bookings/RC-")


@pytest.mark.parametrize(
    ("card_number", "message"),
    [
        ("4242 4242 4242 4241", "Questo numero di carta non è valido."),
        ("4242-abcd", "Questo numero di carta non è valido."),
        ("", "Inserisci il numero della carta."),
    ],
)
def test_malformed_card_number_is_form_error(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
    card_number: str,
    message: str,
) -> None:
    website = make_website(stack)
    checkout_url, checkout = open_checkout(website, read_page, rental_dates, language="it")
    form = filled_form(checkout, card_number=card_number)

    page = read_page(website.post(checkout_url, data=form, headers={"Accept-Language": "it"}))

    assert page.status_code == 422
    assert message in page.text
    assert page.field("name") == "Ada Lovelace"
    assert page.field("email") == "ada@example.com"
    assert page.field("card_number") == ""
    if card_number:
        assert card_number not in page.html
    assert page.field("idempotency_key") == form["idempotency_key"]


def test_empty_checkout_lists_every_missing_field(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    checkout_url, checkout = open_checkout(website, read_page, rental_dates)
    key = checkout.field("idempotency_key") or ""

    page = read_page(website.post(checkout_url, data={"idempotency_key": key}))

    assert page.status_code == 422
    for message in (
        "Enter the driver\u2019s full name.",
        "Enter your e-mail address.",
        "Enter the name as it appears on the card.",
        "Enter the card number.",
        "Choose the card\u2019s expiry month and year.",
        "Enter the security code (CVC).",
    ):
        assert message in page.text


def test_card_number_never_reaches_logs(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
    capfd: pytest.CaptureFixture[str],
) -> None:
    website = make_website(stack)
    checkout_url, checkout = open_checkout(website, read_page, rental_dates)
    success = filled_form(checkout)
    website.post(checkout_url, data=success, follow_redirects=False)
    declined = filled_form(open_checkout(website, read_page, rental_dates)[1], DECLINED_CARD)
    website.post(checkout_url, data=declined, follow_redirects=False)
    invalid = filled_form(open_checkout(website, read_page, rental_dates)[1], "4242 4242 4242 4241")
    website.post(checkout_url, data=invalid, follow_redirects=False)

    logs = capfd.readouterr().err

    assert "request.completed" in logs
    assert "booking.confirmed" in logs
    for form in (success, declined, invalid):
        number = form["card_number"]
        assert number not in logs
        assert number.replace(" ", "") not in logs
        assert form["idempotency_key"] not in logs
    assert "ada@example.com" not in logs


def test_lookup_form_finds_booking(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    reference = book_car(make_website(stack), read_page, rental_dates).split("/")[2]
    website = make_website(stack)
    form = read_page(website.get("/bookings"))

    lookup = look_up(website, reference.lower(), "ada@example.com")
    page = read_page(website.get(lookup.headers["location"], headers={"Accept-Language": "es"}))

    assert '<form class="card lookup-form" action="/bookings" method="post"' in form.html
    assert lookup.status_code == 303
    assert lookup.headers["location"] == f"/bookings/{reference}"
    assert COOKIE_NAME in lookup.headers["set-cookie"]
    assert page.status_code == 200
    assert reference in page.text
    assert "Su reserva está confirmada" in page.text
    assert "Ada Lovelace" in page.text
    assert re.search(
        LISBON_WIDGET.format(
            label="Lugar de recogida",
            country="Portugal",
            state="Ubicación",
            live="en directo",
            cache="de la caché",
        ),
        page.text,
    )


def test_lookup_with_wrong_email_is_404(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    reference = book_car(make_website(stack), read_page, rental_dates).split("/")[2]
    website = make_website(stack)

    response = look_up(website, reference, "eve@example.com", language="fr")
    page = read_page(response)

    assert page.status_code == 404
    assert "set-cookie" not in response.headers
    assert "Aucune réservation ne correspond" in page.text
    assert page.field("reference") == reference
    assert page.field("email") == "eve@example.com"
    assert 'action="/bookings" method="post"' in page.html
    assert "Nouvelle recherche" not in page.text
    assert "Ada Lovelace" not in page.text


def test_lookup_of_unknown_reference_is_404(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)

    short = read_page(look_up(website, "RC-AAAAAAAA", "ada@example.com"))
    # Longer than payments accepts, so payments rejects it with a 422.
    long = read_page(look_up(website, "RC-" + "A" * 30, "ada@example.com"))

    assert short.status_code == 404
    assert "No booking matches this reference" in short.text
    assert short.field("reference") == "RC-AAAAAAAA"
    assert long.status_code == 404
    assert "No booking matches this reference" in long.text


def test_lookup_form_ignores_email_in_url(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)

    response = website.get(
        "/bookings",
        params={"reference": "RC-AAAAAAAA", "email": "ada@example.com"},
        follow_redirects=False,
    )
    page = read_page(response)

    assert page.status_code == 200
    assert page.field("reference") == "RC-AAAAAAAA"
    assert page.field("email") == ""


def test_lower_case_booking_url_redirects(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)

    response = website.get("/bookings/rc-aaaaaaaa", follow_redirects=False)

    assert response.status_code == 308
    assert response.headers["location"] == "/bookings/RC-AAAAAAAA"


def test_malformed_booking_url_offers_lookup(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)

    page = read_page(website.get("/bookings/RC%20123", headers={"Accept-Language": "it"}))

    assert page.status_code == 404
    assert "«RC 123»" in page.text
    assert page.field("reference") == "RC 123"
    assert 'action="/bookings" method="post"' in page.html


def test_lookup_form_errors_keep_values(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)

    page = read_page(website.post("/bookings", data={"reference": "RC 12/3", "email": ""}))

    assert page.status_code == 422
    assert "“RC 12/3” is not a booking reference." in page.text
    assert "Enter your e-mail address." in page.text
    assert page.field("reference") == "RC 12/3"


def test_unknown_car_is_404(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    pick_up, drop_off = rental_dates

    page = read_page(
        website.get(
            "/book/airport-XXX.99",
            params={"pick_up": str(pick_up), "drop_off": str(drop_off)},
            headers={"Accept-Language": "de"},
        )
    )

    assert page.status_code == 404
    assert "Dieses Auto ist nicht verfügbar." in page.text
