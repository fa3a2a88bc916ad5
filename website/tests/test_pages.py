"""Home, language choice, autocomplete, results and search form errors, against real backends."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from devstack import Stack

if TYPE_CHECKING:
    from conftest import PageReader, WebsiteFactory


def test_home_in_german_from_accept_language(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)

    page = read_page(website.get("/", headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}))

    assert page.status_code == 200
    assert '<html lang="de">' in page.html
    assert "In wenigen Minuten zum Mietwagen" in page.text
    assert "Autos suchen" in page.text
    assert 'type="date"' in page.html
    assert page.field("location_id") == ""
    assert page.links("/bookings")


def test_home_names_each_language_in_itself(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)

    page = read_page(website.get("/", headers={"Accept-Language": "es"}))

    for name in ("English", "Deutsch", "Français", "Español", "Italiano"):
        assert name in page.text
    assert "/?lang=it" in page.links("/?lang=")


def test_lang_switch_persists_by_cookie(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)

    switched = website.get("/?lang=fr", headers={"Accept-Language": "de"})
    later = read_page(website.get("/bookings", headers={"Accept-Language": "de"}))

    assert switched.status_code == 200
    assert switched.cookies.get("lang") == "fr"
    assert '<html lang="fr">' in switched.text
    assert '<html lang="fr">' in later.html
    assert "Retrouver votre réservation" in later.text


def test_unsupported_language_is_400(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)

    response = website.get("/?lang=xx")
    page = read_page(response)

    assert page.status_code == 400
    assert "“xx”" in page.text
    assert "en, de, fr, es, it" in page.text
    assert "lang" not in response.cookies


def test_unknown_page_is_404_in_italian(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)

    page = read_page(website.get("/no-such-page", headers={"Accept-Language": "it"}))

    assert page.status_code == 404
    assert "A questo indirizzo non c\u2019è nessuna pagina" in page.text


def test_autocomplete_for_lis_offers_lisbon(stack: Stack, make_website: WebsiteFactory) -> None:
    website = make_website(stack)

    response = website.get("/api/locations", params={"q": "Lis"})

    assert response.status_code == 200
    suggestions = response.json()
    lisbon = [item for item in suggestions if item["iata_code"] == "LIS"]
    assert lisbon, suggestions
    assert lisbon[0]["id"] == "airport-LIS"
    assert lisbon[0]["kind"] == "airport"
    assert lisbon[0]["label"].startswith("Lisbon")
    assert lisbon[0]["label"].endswith("(LIS)")
    assert response.headers["X-Widget-Status"] in ("live", "cache")


def test_autocomplete_rejects_overlong_query(stack: Stack, make_website: WebsiteFactory) -> None:
    website = make_website(stack)

    response = website.get("/api/locations", params={"q": "x" * 101})

    assert response.status_code == 422
    assert "101" in response.json()["message"]


def test_results_at_lis_show_prices_and_ratings(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    pick_up, drop_off = rental_dates

    page = read_page(
        website.get(
            "/search",
            params={"location": "Lis", "pick_up": str(pick_up), "drop_off": str(drop_off)},
            headers={"Accept-Language": "en"},
        )
    )

    assert page.status_code == 200
    assert "(LIS)" in page.text
    assert "3 days" in page.text
    assert "€" in page.text
    assert "per day" in page.text
    assert " of 5, " in page.text
    assert " reviews" in page.text
    assert "Choose" in page.text
    choose_links = page.links("/book/airport-LIS.")
    assert choose_links
    assert f"pick_up={pick_up}&drop_off={drop_off}" in choose_links[0]
    assert page.field("location_id") == "airport-LIS"
    assert page.field("location") == "Lis"
    assert 'data-widget-status="unavailable"' not in page.html


def test_results_in_german_use_german_formats(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    pick_up, drop_off = rental_dates
    params = {
        "location": "Lisbon",
        "location_id": "airport-LIS",
        "pick_up": str(pick_up),
        "drop_off": str(drop_off),
    }

    page = read_page(website.get("/search", params=params, headers={"Accept-Language": "de"}))

    assert page.status_code == 200
    assert "3 Tage" in page.text
    assert " € pro Tag" in page.text
    assert " von 5, " in page.text
    assert " Bewertungen" in page.text
    assert "Auswählen" in page.text


def test_unknown_location_is_form_error(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    pick_up, drop_off = rental_dates
    params = {"location": "Qwzx", "pick_up": str(pick_up), "drop_off": str(drop_off)}

    page = read_page(website.get("/search", params=params, headers={"Accept-Language": "de"}))

    assert page.status_code == 422
    assert "Kein Ort passt zu „Qwzx“" in page.text
    assert page.field("location") == "Qwzx"
    assert page.field("pick_up") == str(pick_up)
    assert page.field("drop_off") == str(drop_off)


def test_pick_up_after_drop_off_is_form_error(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    pick_up, drop_off = rental_dates
    params = {"location": "Lisbon", "pick_up": str(drop_off), "drop_off": str(pick_up)}

    page = read_page(website.get("/search", params=params, headers={"Accept-Language": "fr"}))

    assert page.status_code == 422
    assert "La date de restitution doit être postérieure" in page.text
    assert page.field("location") == "Lisbon"
    assert page.field("pick_up") == str(drop_off)
    assert page.field("drop_off") == str(pick_up)


def test_past_pick_up_is_form_error(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)
    past = date.today() - timedelta(days=2)
    params = {"location": "Lisbon", "pick_up": str(past), "drop_off": str(past + timedelta(5))}

    page = read_page(website.get("/search", params=params, headers={"Accept-Language": "es"}))

    assert page.status_code == 422
    assert "ya ha pasado" in page.text
    assert page.field("pick_up") == str(past)
    assert page.field("location") == "Lisbon"


def test_empty_fields_are_form_errors(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)
    params = {"location": "", "pick_up": "", "drop_off": ""}

    page = read_page(website.get("/search", params=params, headers={"Accept-Language": "en"}))

    assert page.status_code == 422
    assert "Enter a city, an airport or an IATA code." in page.text
    assert "Enter a pick-up date." in page.text
    assert "Enter a drop-off date." in page.text


def test_rental_over_90_days_is_form_error(
    stack: Stack,
    make_website: WebsiteFactory,
    read_page: PageReader,
    rental_dates: tuple[date, date],
) -> None:
    website = make_website(stack)
    pick_up, _ = rental_dates
    params = {
        "location": "Lisbon",
        "pick_up": str(pick_up),
        "drop_off": str(pick_up + timedelta(days=91)),
    }

    page = read_page(website.get("/search", params=params, headers={"Accept-Language": "en"}))

    assert page.status_code == 422
    assert "at most 90 days, but these dates span 91 days" in page.text


def test_malformed_date_is_form_error(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)
    params = {"location": "Lisbon", "pick_up": "10/12/2030", "drop_off": "2030-12-13"}

    page = read_page(website.get("/search", params=params, headers={"Accept-Language": "it"}))

    assert page.status_code == 422
    assert "«10/12/2030» non è una data valida" in page.text
    assert page.field("pick_up") == "10/12/2030"


def test_resilience_snapshot_and_metrics(stack: Stack, make_website: WebsiteFactory) -> None:
    website = make_website(stack)
    website.get("/")

    snapshot = website.get("/resilience")
    metrics = website.get("/metrics")

    assert snapshot.status_code == 200
    commands = snapshot.json()["commands"]
    assert set(commands) >= {"ui_strings", "search", "ratings", "payments"}
    assert commands["payments"]["criticality"] == "critical"
    assert metrics.status_code == 200
    assert "resilient_client_calls" in metrics.text


def test_favicon_is_served(
    stack: Stack, make_website: WebsiteFactory, read_page: PageReader
) -> None:
    website = make_website(stack)

    home = read_page(website.get("/"))
    icon = website.get("/favicon.ico")
    linked = website.get("/static/favicon.svg")

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in home.html
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert "max-age=86400" in icon.headers["cache-control"]
    assert icon.content.startswith(b"<svg")
    assert linked.status_code == 200
    assert linked.content == icon.content
