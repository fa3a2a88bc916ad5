"""The location box's suggestions in headless Chromium: keyboard and mouse picks fill the form.

Playwright drives Debian's Chromium by its executable path, so no browser is downloaded. Without
the binary the tests are skipped with the install command.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Response, expect, sync_playwright

from devstack import Stack
from devstack.testing import CHROMIUM_ARGUMENTS, find_chromium, start_stack

pytestmark = pytest.mark.browser

CHROMIUM = find_chromium()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The website as a real uvicorn process in front of the five backends."""
    with start_stack(tmp_path_factory.mktemp("site")) as running:
        yield running


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
    context = browser.new_context(locale="en-GB")
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def test_keyboard_pick_fills_location_id(site: Stack, page: Page) -> None:
    page.goto(site.url("website") + "/")
    box = page.locator("#location")

    box.press_sequentially("Lis", delay=50)
    expect(page.get_by_role("option").first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(page.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    box.press("Enter")

    expect(page.locator("#location_id")).to_have_value("airport-LIS")
    expect(page.locator("#country_code")).to_have_value("PT")
    expect(box).to_have_value(re.compile(r"^Lisbon\b.*\(LIS\)$"))
    expect(box).to_have_attribute("aria-expanded", "false")
    assert page.url.endswith("/")


def test_mouse_pick_then_search_lists_cars(site: Stack, page: Page) -> None:
    page.goto(site.url("website") + "/")

    page.locator("#location").press_sequentially("Lis", delay=50)
    page.get_by_role("option").filter(has_text="(LIS)").first.click()
    page.locator("form.search-form button[type=submit]").click()

    expect(page.locator("li.car").first).to_be_visible()
    assert "location_id=airport-LIS" in page.url


def test_typing_again_clears_picked_location(site: Stack, page: Page) -> None:
    page.goto(site.url("website") + "/")
    box = page.locator("#location")
    box.press_sequentially("Lis", delay=50)
    page.get_by_role("option").first.click()

    box.press("Backspace")

    expect(page.locator("#location_id")).to_have_value("")


def test_page_visits_get_no_error_status(site: Stack, page: Page) -> None:
    responses: list[Response] = []

    def record(response: Response) -> None:
        responses.append(response)

    # Playwright cannot wrap a built-in method such as `list.append` as a handler.
    page.on("response", record)

    page.goto(site.url("website") + "/")
    page.goto(site.url("website") + "/bookings")
    page.wait_for_load_state("networkidle")

    failed = [(response.status, response.url) for response in responses if response.status >= 400]
    assert failed == []
    assert any(response.url.endswith("/static/favicon.svg") for response in responses)
