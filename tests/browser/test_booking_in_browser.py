"""Book a car through the real pages in headless Chromium, with JavaScript on.

Playwright drives Debian's Chromium (`apt-get install chromium`), launched by its executable path;
no browser is downloaded. Without that binary the test is skipped with the install command.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from devstack import Stack
from devstack.testing import CHROMIUM_ARGUMENTS, find_chromium
from tests.integration.flow import BOOKING_REFERENCE, rental_dates

pytestmark = pytest.mark.browser

CHROMIUM = find_chromium()
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: run `sudo apt-get install chromium`")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(CHROMIUM_ARGUMENTS)
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="it-IT")
    opened = context.new_page()
    opened.set_default_timeout(20_000)
    yield opened
    context.close()


def test_browser_books_car_at_lisbon(healthy_stack: Stack, page: Page) -> None:
    pick_up, drop_off = rental_dates(days_ahead=60)
    page.goto(healthy_stack.url("website") + "/")
    expect(page.locator("html")).to_have_attribute("lang", "it")

    page.locator("#location").press_sequentially("Lis", delay=50)
    suggestion = page.get_by_role("option").filter(has_text="LIS").first
    suggestion.click()
    expect(page.locator("#location_id")).to_have_value("airport-LIS")
    page.fill("#pick_up", pick_up)
    page.fill("#drop_off", drop_off)
    page.locator("form button[type=submit]").first.click()

    first_car = page.locator("li.car").first
    expect(first_car).to_be_visible()
    expect(first_car.locator(".car-rating")).to_contain_text("5")
    expect(first_car.locator(".price-total")).to_contain_text("€")
    first_car.locator("a.button-primary").click()

    page.fill("#name", "Grace Hopper")
    page.fill("#email", "grace@example.com")
    page.fill("#card_holder", "Grace Hopper")
    page.fill("#card_number", "4242 4242 4242 4242")
    page.select_option("#expiry_month", "12")
    page.select_option("#expiry_year", str(date.today().year + 2))
    page.fill("#cvc", "123")
    page.locator("form button[type=submit]").last.click()

    page.wait_for_url(re.compile(r"/bookings/RC-[A-Z0-9]+$"))
    assert "example.com" not in page.url
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / "confirmation.png"), full_page=True)
    assert BOOKING_REFERENCE.search(page.content())
    assert "Grace Hopper" in page.content()
    expect(page.locator(".pick-up-location")).to_contain_text("(LIS)")
