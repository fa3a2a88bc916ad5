"""Pages with a dependency stopped, slow or served from cache: degraded widgets, never a 5xx.

These tests stop services of their own stack (`fragile_stack`). Each stopped service is started
again after the test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from devstack import Stack
from resilient_client import ManualClock

if TYPE_CHECKING:
    from conftest import PageReader, RenderedPage, WebsiteFactory

from fastapi.testclient import TestClient


def search_lisbon(
    website: TestClient,
    read_page: PageReader,
    dates: tuple[date, date],
    language: str = "en",
    **extra: str,
) -> RenderedPage:
    pick_up, drop_off = dates
    params = {"location": "Lisbon", "pick_up": str(pick_up), "drop_off": str(drop_off), **extra}
    return read_page(website.get("/search", params=params, headers={"Accept-Language": language}))


def checkout_form(checkout: RenderedPage, card_number: str) -> dict[str, str]:
    return {
        "name": "Grace Hopper",
        "email": "grace@example.com",
        "card_holder": "Grace Hopper",
        "card_number": card_number,
        "expiry_month": "07",
        "expiry_year": str(date.today().year + 2),
        "cvc": "321",
        "idempotency_key": checkout.field("idempotency_key") or "",
    }


def test_ratings_down_shows_cars_without_ratings(
    fragile_stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    fragile_stack.stop_service("ratings")
    website = make_website(fragile_stack)

    page = search_lisbon(website, read_page, rental_dates)

    assert page.status_code == 200
    assert "Ratings are unavailable right now" in page.text
    assert "Ratings: unavailable" in page.text
    assert "Rating unavailable" in page.text
    assert " of 5" not in page.text
    assert "€" in page.text
    assert page.links("/book/")


def test_translations_down_without_cache_uses_english(
    fragile_stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    fragile_stack.stop_service("translations")
    website = make_website(fragile_stack, cache=False)

    home = read_page(website.get("/", headers={"Accept-Language": "de"}))
    results = search_lisbon(website, read_page, rental_dates, language="de")

    assert home.status_code == 200
    assert '<html lang="en">' in home.html
    assert "Rent a car in minutes" in home.text
    assert "Translations are unavailable right now" in home.text
    assert results.status_code == 200
    assert "Translations are unavailable right now" in results.text
    assert "Car descriptions are shown in English" in results.text
    assert "Descriptions: default copy" in results.text


def test_translations_down_serves_stale_strings(
    fragile_stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    clock = ManualClock()
    website = make_website(fragile_stack, clock=clock)
    live = read_page(website.get("/", headers={"Accept-Language": "de"}))
    fragile_stack.stop_service("translations")
    clock.advance(600)

    stale = read_page(website.get("/", headers={"Accept-Language": "de"}))

    assert "Seitentext: aktuell" in live.text
    assert stale.status_code == 200
    assert '<html lang="de">' in stale.html
    assert "Autos suchen" in stale.text
    assert "Seitentext: gespeicherte Kopie, aktualisiert vor 10 Minuten" in stale.text


def test_cached_strings_show_their_age(
    fragile_stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    clock = ManualClock()
    website = make_website(fragile_stack, clock=clock)
    website.get("/", headers={"Accept-Language": "fr"})
    clock.advance(180)

    cached = read_page(website.get("/", headers={"Accept-Language": "fr"}))

    assert "Texte de la page : depuis le cache, mis à jour il y a 3 minutes" in cached.text


def test_redis_down_pages_still_served(
    fragile_stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(fragile_stack)
    fragile_stack.stop_redis()

    home = read_page(website.get("/", headers={"Accept-Language": "de"}))
    results = search_lisbon(website, read_page, rental_dates)

    assert home.status_code == 200
    assert "Seitentext: aktuell" in home.text
    assert results.status_code == 200
    assert results.links("/book/")
    assert 'data-widget-status="unavailable"' not in results.html


def test_search_down_keeps_form_with_notice(
    fragile_stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    fragile_stack.stop_service("search")
    website = make_website(fragile_stack)

    page = search_lisbon(website, read_page, rental_dates, language="es")

    assert page.status_code == 200
    assert "La búsqueda no está disponible en este momento." in page.text
    assert page.field("location") == "Lisbon"
    assert page.field("pick_up") == str(rental_dates[0])
    assert page.field("location_id")
    assert not page.links("/book/")


def test_search_down_keeps_checkout_from_5xx(
    fragile_stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    fragile_stack.stop_service("search")
    website = make_website(fragile_stack)
    pick_up, drop_off = rental_dates

    page = read_page(
        website.get(
            "/book/airport-LIS.01", params={"pick_up": str(pick_up), "drop_off": str(drop_off)}
        )
    )

    assert page.status_code == 200
    assert "This car cannot be loaded right now" in page.text
    assert page.field("card_number") is None


def test_geolocation_down_keeps_form_usable(
    fragile_stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    fragile_stack.stop_service("geolocation")
    website = make_website(fragile_stack)

    by_text = search_lisbon(website, read_page, rental_dates)
    by_id = search_lisbon(
        website, read_page, rental_dates, location_id="airport-LIS", country_code="PT"
    )
    suggestions = website.get("/api/locations", params={"q": "Lis"})

    assert by_text.status_code == 200
    assert "Location search is unavailable right now" in by_text.text
    assert by_text.field("location") == "Lisbon"
    assert by_id.status_code == 200
    assert by_id.links("/book/airport-LIS.")
    assert suggestions.status_code == 200
    assert suggestions.json() == []
    assert suggestions.headers["X-Widget-Status"] == "unavailable"


def test_payments_down_says_card_not_charged(
    fragile_stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(fragile_stack)
    results = search_lisbon(website, read_page, rental_dates)
    checkout_url = results.links("/book/")[0]
    checkout = read_page(website.get(checkout_url))
    form = checkout_form(checkout, "4242 4242 4242 4242")
    fragile_stack.stop_service("payments")

    page = read_page(website.post(checkout_url, data=form, follow_redirects=False))

    assert page.status_code == 503
    assert "Your card was not charged." in page.text
    assert page.field("name") == "Grace Hopper"
    assert page.field("email") == "grace@example.com"
    assert page.field("card_number") == ""
    assert page.field("cvc") == ""
    assert "4242424242424242" not in page.html


def test_payments_timeout_keeps_key_for_safe_retry(
    fragile_stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
    silent_server: str,
    short_payments_timeout: Path,
) -> None:
    website = make_website(
        fragile_stack, urls={"payments": silent_server}, resilience_config=short_payments_timeout
    )
    results = search_lisbon(website, read_page, rental_dates, language="it")
    checkout_url = results.links("/book/")[0]
    checkout = read_page(website.get(checkout_url, headers={"Accept-Language": "it"}))
    form = checkout_form(checkout, "4242 4242 4242 4242")

    page = read_page(
        website.post(
            checkout_url, data=form, headers={"Accept-Language": "it"}, follow_redirects=False
        )
    )

    assert page.status_code == 503
    assert "non ha risposto in tempo" in page.text
    assert "la carta non verrà addebitata due volte" in page.text
    assert page.field("idempotency_key") == form["idempotency_key"]
    assert page.field("name") == "Grace Hopper"
    assert page.field("card_number") == ""


def test_search_down_notice_points_at_form(
    fragile_stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    fragile_stack.stop_service("search")
    website = make_website(fragile_stack)

    page = search_lisbon(website, read_page, rental_dates)

    assert page.status_code == 200
    assert "Search is unavailable right now. Your search is kept in the form" in page.text
    assert "kept above" not in page.text
    assert page.field("location") == "Lisbon"


def test_geolocation_down_shows_location_id(
    fragile_stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    fragile_stack.stop_service("geolocation")
    website = make_website(fragile_stack)
    results = search_lisbon(
        website, read_page, rental_dates, location_id="airport-LIS", country_code="PT"
    )
    checkout_url = results.links("/book/")[0]

    checkout = read_page(website.get(checkout_url, headers={"Accept-Language": "fr"}))
    paid = website.post(
        checkout_url, data=checkout_form(checkout, "4242 4242 4242 4242"), follow_redirects=False
    )
    booking = read_page(website.get(paid.headers["location"]))

    assert checkout.status_code == 200
    assert "Lieu de prise en charge airport-LIS" in checkout.text
    assert "Lieu : indisponible" in checkout.text
    assert checkout.field("card_number") == ""
    assert paid.status_code == 303
    assert booking.status_code == 200
    assert "Your booking is confirmed" in booking.text
    assert "Pick-up location airport-LIS" in booking.text
    assert "Location: unavailable" in booking.text


def test_payments_down_booking_page_offers_retry(
    fragile_stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(fragile_stack)
    results = search_lisbon(website, read_page, rental_dates)
    checkout_url = results.links("/book/")[0]
    checkout = read_page(website.get(checkout_url))
    paid = website.post(
        checkout_url, data=checkout_form(checkout, "4242 4242 4242 4242"), follow_redirects=False
    )
    booking_url = paid.headers["location"]
    reference = booking_url.split("/")[2]
    fragile_stack.stop_service("payments")

    booking = read_page(website.get(booking_url))
    lookup = read_page(
        website.post(
            "/bookings",
            data={"reference": reference, "email": "grace@example.com"},
            follow_redirects=False,
        )
    )

    assert booking.status_code == 503
    assert "Your booking cannot be shown right now." in booking.text
    assert booking_url in booking.links("/bookings/")
    assert "Try again" in booking.text
    assert lookup.status_code == 503
    assert "Your booking cannot be shown right now." in lookup.text
    assert lookup.field("reference") == reference
    assert lookup.field("email") == "grace@example.com"
