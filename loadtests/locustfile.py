"""Locust users that walk the booking flow through the website, as visitors with a browser do.

Each task run is one visit by a new visitor. The visitor opens the home page in one of the five
languages, types a city into the location box (autocomplete), searches an airport and opens one
car's checkout form. In a share of visits, the visitor also pays with a test card and later
looks the booking up.

Run it only against a system you started yourself on 127.0.0.1 (`make run`); the users stop
before their first request when the host is anything else. See loadtests/README.md.

A response counts as failed for a 5xx, for no response at all (connection error or timeout), and
for a page that lacks what it must show, including an unexpected 4xx to a valid request. A
degraded page (ratings unavailable, English text, a notice that search is unavailable) is a
success, and the visit ends there when it cannot go on.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

# Locust puts this file's folder on sys.path while it imports the file, so the sibling module
# imports by its own name.
from html_page import Form, parse_html_page
from locust import HttpUser, events, task
from locust.env import Environment
from locust.exception import StopUser

logger = logging.getLogger(__name__)

# Share of visits that pay for the car and then look the booking up. The other visits leave at
# the checkout form. `--booking-percent` overrides it.
BOOKING_VISIT_PERCENT = 20

# Pauses of a visitor, drawn uniformly from each range. `--think-time-scale` multiplies all of
# them (0 removes them).
MIN_THINK_TIME_SECONDS = 2.0
MAX_THINK_TIME_SECONDS = 6.0
MIN_TYPING_PAUSE_SECONDS = 0.2
MAX_TYPING_PAUSE_SECONDS = 0.6
MIN_FORM_FILL_TIME_SECONDS = 8.0
MAX_FORM_FILL_TIME_SECONDS = 20.0
MIN_PAUSE_BETWEEN_VISITS_SECONDS = 5.0
MAX_PAUSE_BETWEEN_VISITS_SECONDS = 15.0
DEFAULT_THINK_TIME_SCALE = 1.0

# A visitor gives up on a page after this long, and Locust records the request as failed.
REQUEST_TIMEOUT_SECONDS = 30.0

MIN_DAYS_UNTIL_PICK_UP = 7
MAX_DAYS_UNTIL_PICK_UP = 60
MIN_RENTAL_DAYS = 1
MAX_RENTAL_DAYS = 14

# How many letters of the city a visitor has typed at each autocomplete request.
TYPED_PREFIX_LENGTHS = (2, 3)

# One Accept-Language header per website language, as a browser set to that language sends it.
ACCEPT_LANGUAGE_HEADERS = {
    "en": "en-GB,en;q=0.9",
    "de": "de-DE,de;q=0.9,en;q=0.5",
    "fr": "fr-FR,fr;q=0.9,en;q=0.5",
    "es": "es-ES,es;q=0.9,en;q=0.5",
    "it": "it-IT,it;q=0.9,en;q=0.5",
}

# Test card that payments always accepts, as listed in docs/services.md. Any future expiry and
# any CVC work with it.
TEST_CARD_NUMBER = "4242 4242 4242 4242"
TEST_CARD_CVC = "123"
TEST_CARD_EXPIRY_MONTH = "12"
TEST_CARD_YEARS_VALID = 3

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class Airport:
    """An airport that visitors search, and the city name they type to find it."""

    iata_code: str
    city: str

    @property
    def location_id(self) -> str:
        return f"airport-{self.iata_code}"


AIRPORTS = (
    Airport("LIS", "Lisbon"),
    Airport("FRA", "Frankfurt"),
    Airport("CDG", "Paris"),
    Airport("MAD", "Madrid"),
    Airport("FCO", "Rome"),
    Airport("JFK", "New York"),
    Airport("HND", "Tokyo"),
)


@dataclass(frozen=True)
class SearchLocation:
    """Search form values: the typed or picked text, and after a pick the location's ids."""

    text: str
    location_id: str = ""
    country_code: str = ""


# Page names in Locust's statistics, one row per name and method, whatever the URL's ids.
HOME_PAGE = "/"
AUTOCOMPLETE = "/api/locations"
RESULTS_PAGE = "/search"
CHECKOUT_PAGE = "/book/[car_id]"
BOOKING_PAGE = "/bookings/[reference]"
LOOKUP_PAGE = "/bookings"


def _percent(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to 100, got {text!r}")
    return value


def _non_negative(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be a number of 0 or more, got {text!r}")
    return value


@events.init_command_line_parser.add_listener
def add_options(parser: Any) -> None:
    parser.add_argument(
        "--booking-percent",
        type=_percent,
        default=BOOKING_VISIT_PERCENT,
        help="percent of visits that pay with the test card and look the booking up "
        f"(default {BOOKING_VISIT_PERCENT})",
    )
    parser.add_argument(
        "--think-time-scale",
        type=_non_negative,
        default=DEFAULT_THINK_TIME_SCALE,
        help="factor for every pause of a visitor, where 0 sends each request at once "
        f"(default {DEFAULT_THINK_TIME_SCALE})",
    )


def is_loopback_url(url: str | None) -> bool:
    """Return True when `url` is an http(s) URL whose host is this machine's loopback address."""
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.hostname in LOOPBACK_HOSTS


@events.init.add_listener
def check_options(environment: Environment, **_kwargs: Any) -> None:
    """Exit before any user starts when the host is not loopback or a headless run has no limit.

    The web UI can change the host later, so `BookingVisitor.on_start` checks it again.
    """
    options = environment.parsed_options
    if options is None:
        return
    if environment.host and not is_loopback_url(environment.host):
        sys.exit(
            f"--host {environment.host} is not on this machine. Run the system yourself with "
            "`make run` and pass --host http://127.0.0.1:8000 (or its port)."
        )
    if options.headless and not options.worker and not options.run_time:
        sys.exit("--run-time is missing; a headless run needs a time limit, e.g. --run-time 60s.")


def random_rental_dates(today: date) -> tuple[date, date]:
    """Return a pick-up 7 to 60 days after `today` and a drop-off 1 to 14 days after that."""
    pick_up = today + timedelta(days=random.randint(MIN_DAYS_UNTIL_PICK_UP, MAX_DAYS_UNTIL_PICK_UP))
    drop_off = pick_up + timedelta(days=random.randint(MIN_RENTAL_DAYS, MAX_RENTAL_DAYS))
    return pick_up, drop_off


def is_site_path(url: str) -> bool:
    """Return True for a path on the same site (`/book/...`), so no request leaves the host."""
    return url.startswith("/") and not url.startswith("//")


def no_response_or_server_error(response: Any) -> str | None:
    """Return why `response` failed whatever the page, or None.

    Locust gives a response without any reply from the server (connection refused, reset or
    timed out) status 0 and the exception in `error`. The reason names only the exception type,
    because Locust makes one failure row per distinct reason and the message contains the URL.
    """
    if response.status_code == 0:
        return f"no response: {type(response.error).__name__}"
    if response.status_code >= 500:
        return f"HTTP {response.status_code}"
    return None


def has_notice(html: str) -> bool:
    """Return True when the page shows a notice: a degraded page names what is missing in one."""
    return 'class="notice ' in html


class BookingVisitor(HttpUser):
    """One visitor after another, each walking from the home page towards a booking."""

    def wait_time(self) -> float:
        return self._scaled_pause(
            MIN_PAUSE_BETWEEN_VISITS_SECONDS, MAX_PAUSE_BETWEEN_VISITS_SECONDS
        )

    def on_start(self) -> None:
        if not is_loopback_url(self.host):
            logger.error(
                "Host %s is not on this machine, so this user stops before any request.", self.host
            )
            raise StopUser()

    @task
    def visit(self) -> None:
        """Walk one visit, and end it at the first page after which a visitor could not go on."""
        # A new visitor each time: no cookies from the previous visit, a language of its own.
        self.client.cookies.clear()
        self.client.headers["Accept-Language"] = random.choice(
            list(ACCEPT_LANGUAGE_HEADERS.values())
        )
        airport = random.choice(AIRPORTS)
        pick_up, drop_off = random_rental_dates(datetime.now(UTC).date())

        if not self.open_home_page():
            return
        self._think(MIN_THINK_TIME_SECONDS, MAX_THINK_TIME_SECONDS)
        location = self.type_location(airport)
        self._think(MIN_THINK_TIME_SECONDS, MAX_THINK_TIME_SECONDS)
        checkout_paths = self.search(location, pick_up, drop_off)
        if not checkout_paths:
            return
        self._think(MIN_THINK_TIME_SECONDS, MAX_THINK_TIME_SECONDS)
        checkout_path = random.choice(checkout_paths)
        checkout_form = self.open_checkout(checkout_path)
        if checkout_form is None or random.random() * 100 >= self._booking_percent():
            return

        self._think(MIN_FORM_FILL_TIME_SECONDS, MAX_FORM_FILL_TIME_SECONDS)
        email = f"visitor-{uuid.uuid4().hex[:12]}@example.com"
        reference = self.pay(checkout_path, checkout_form, email)
        if reference is None:
            return
        self._think(MIN_THINK_TIME_SECONDS, MAX_THINK_TIME_SECONDS)
        self.look_up_booking(reference, email)

    def open_home_page(self) -> bool:
        with self.client.get(
            "/", name=HOME_PAGE, catch_response=True, timeout=REQUEST_TIMEOUT_SECONDS
        ) as response:
            reason = no_response_or_server_error(response) or _expect_status(response, 200)
            if reason is None and 'action="/search"' not in response.text:
                reason = "home page has no search form"
            return _record(response, reason)

    def type_location(self, airport: Airport) -> SearchLocation:
        """Request suggestions as the visitor types the city, and pick the airport if offered.

        Without the airport among the suggestions (geolocation unavailable, say), the visitor
        submits the city name as typed and the website takes the best match.
        """
        suggestions: list[dict[str, Any]] = []
        for length in TYPED_PREFIX_LENGTHS:
            suggestions = self._autocomplete(airport.city[:length])
            self._think(MIN_TYPING_PAUSE_SECONDS, MAX_TYPING_PAUSE_SECONDS)
        for suggestion in suggestions:
            if suggestion.get("id") == airport.location_id:
                return SearchLocation(
                    text=str(suggestion.get("label", airport.city)),
                    location_id=airport.location_id,
                    country_code=str(suggestion.get("country_code", "")),
                )
        return SearchLocation(text=airport.city)

    def _autocomplete(self, typed: str) -> list[dict[str, Any]]:
        with self.client.get(
            "/api/locations",
            params={"q": typed},
            name=AUTOCOMPLETE,
            catch_response=True,
            timeout=REQUEST_TIMEOUT_SECONDS,
        ) as response:
            reason = no_response_or_server_error(response) or _expect_status(response, 200)
            suggestions: list[dict[str, Any]] = []
            if reason is None:
                try:
                    body = response.json()
                except ValueError:
                    body = None
                if isinstance(body, list):
                    suggestions = [item for item in body if isinstance(item, dict)]
                else:
                    reason = "autocomplete did not return a JSON list"
            _record(response, reason)
            return suggestions

    def search(self, location: SearchLocation, pick_up: date, drop_off: date) -> list[str]:
        """Submit the search form and return the checkout links of the listed cars."""
        params = {
            "location": location.text,
            "location_id": location.location_id,
            "country_code": location.country_code,
            "pick_up": pick_up.isoformat(),
            "drop_off": drop_off.isoformat(),
        }
        with self.client.get(
            "/search",
            params=params,
            name=RESULTS_PAGE,
            catch_response=True,
            timeout=REQUEST_TIMEOUT_SECONDS,
        ) as response:
            reason = no_response_or_server_error(response) or _expect_status(response, 200)
            checkout_paths: list[str] = []
            if reason is None:
                if 'class="results"' in response.text:
                    page = parse_html_page(response.text)
                    checkout_paths = page.links_starting_with("/book/")
                elif not has_notice(response.text):
                    reason = "results page shows neither a results list nor a notice"
            _record(response, reason)
            return checkout_paths

    def open_checkout(self, checkout_path: str) -> Form | None:
        """Open one car's checkout page and return its payment form, or None when it has none."""
        with self.client.get(
            checkout_path, name=CHECKOUT_PAGE, catch_response=True, timeout=REQUEST_TIMEOUT_SECONDS
        ) as response:
            reason = no_response_or_server_error(response) or _expect_status(response, 200)
            form = None
            if reason is None:
                form = parse_html_page(response.text).form_with_input("idempotency_key")
                if form is None and not has_notice(response.text):
                    reason = "checkout page shows neither the payment form nor a notice"
                elif form is not None and not is_site_path(form.action or checkout_path):
                    reason = f"payment form posts to {form.action!r}, outside this site"
            return form if _record(response, reason) else None

    def pay(self, checkout_path: str, form: Form, email: str) -> str | None:
        """Submit the payment form with the test card and open the booking the 303 leads to.

        The form's own hidden idempotency key goes with it, as a browser sends it. Returns the
        booking reference, or None when no booking was made.
        """
        fields = dict(form.inputs)
        fields.update(
            name="Load Visitor",
            email=email,
            card_holder="Load Visitor",
            card_number=TEST_CARD_NUMBER,
            expiry_month=TEST_CARD_EXPIRY_MONTH,
            expiry_year=str(datetime.now(UTC).year + TEST_CARD_YEARS_VALID),
            cvc=TEST_CARD_CVC,
        )
        action = form.action or checkout_path
        with self.client.post(
            action,
            data=fields,
            name=CHECKOUT_PAGE,
            allow_redirects=False,
            catch_response=True,
            timeout=REQUEST_TIMEOUT_SECONDS,
        ) as response:
            reason = no_response_or_server_error(response) or _expect_booking_redirect(response)
            _record(response, reason)
            if reason is not None:
                return None
            booking_path = response.headers["Location"]

        reference = booking_path.removeprefix("/bookings/")
        if not self._open_booking(booking_path, reference, must_show=email):
            return None
        return reference

    def look_up_booking(self, reference: str, email: str) -> None:
        """Come back later in another browser and find the booking with its reference and e-mail."""
        self.client.cookies.clear()
        with self.client.get(
            "/bookings", name=LOOKUP_PAGE, catch_response=True, timeout=REQUEST_TIMEOUT_SECONDS
        ) as response:
            reason = no_response_or_server_error(response) or _expect_status(response, 200)
            form = None
            if reason is None:
                form = parse_html_page(response.text).form_with_input("reference")
                if form is None:
                    reason = "lookup page has no lookup form"
                elif not is_site_path(form.action or "/bookings"):
                    reason = f"lookup form posts to {form.action!r}, outside this site"
            if not _record(response, reason) or form is None:
                return

        self._think(MIN_THINK_TIME_SECONDS, MAX_THINK_TIME_SECONDS)
        fields = dict(form.inputs)
        fields.update(reference=reference, email=email)
        with self.client.post(
            form.action or "/bookings",
            data=fields,
            name=LOOKUP_PAGE,
            allow_redirects=False,
            catch_response=True,
            timeout=REQUEST_TIMEOUT_SECONDS,
        ) as response:
            reason = no_response_or_server_error(response) or _expect_booking_redirect(response)
            if not _record(response, reason):
                return
            booking_path = response.headers["Location"]

        self._open_booking(booking_path, reference, must_show=email)

    def _open_booking(self, booking_path: str, reference: str, must_show: str) -> bool:
        with self.client.get(
            booking_path, name=BOOKING_PAGE, catch_response=True, timeout=REQUEST_TIMEOUT_SECONDS
        ) as response:
            reason = no_response_or_server_error(response) or _expect_status(response, 200)
            if reason is None and (
                reference not in response.text or must_show not in response.text
            ):
                reason = "booking page does not show the booking"
            return _record(response, reason)

    def _booking_percent(self) -> int:
        options = self.environment.parsed_options
        return int(getattr(options, "booking_percent", BOOKING_VISIT_PERCENT))

    def _scaled_pause(self, min_seconds: float, max_seconds: float) -> float:
        options = self.environment.parsed_options
        scale = float(getattr(options, "think_time_scale", DEFAULT_THINK_TIME_SCALE))
        return random.uniform(min_seconds, max_seconds) * scale

    def _think(self, min_seconds: float, max_seconds: float) -> None:
        # Locust patches time.sleep with gevent, so a pause blocks only this user.
        time.sleep(self._scaled_pause(min_seconds, max_seconds))


def _expect_status(response: Any, status_code: int) -> str | None:
    if response.status_code != status_code:
        return f"expected HTTP {status_code}, got {response.status_code}"
    return None


def _expect_booking_redirect(response: Any) -> str | None:
    """Return why `response` is not a 303 to a booking page on this site, or None."""
    location = response.headers.get("Location", "")
    if response.status_code != 303:
        return f"expected a 303 to the booking, got HTTP {response.status_code}"
    if not (is_site_path(location) and location.startswith("/bookings/")):
        return f"the 303 leads to {location!r}, not to a booking page on this site"
    return None


def _record(response: Any, reason: str | None) -> bool:
    """Mark `response` as failed with `reason`, or as a success when `reason` is None."""
    if reason is None:
        response.success()
        return True
    response.failure(reason)
    return False
