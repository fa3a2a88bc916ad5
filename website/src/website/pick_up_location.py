"""The pick-up location widget of the checkout and booking pages.

Search results name the location in their heading, but the checkout and booking pages have only
the car's `location_id`. This widget fetches the location from geolocation (the `location`
bucket) and names it for people by city, country, airport and IATA code. When geolocation is
unavailable or does not have the id, the widget shows the bare id with the state `unavailable`.
"""

from __future__ import annotations

from dataclasses import dataclass

from website import formatting
from website.errors import BackendRequestError, NotFoundError
from website.forms import is_resource_id
from website.pages import Page
from website.widgets import Fetched, WidgetState, WidgetStatus


@dataclass(frozen=True)
class PickUpLocation:
    """Pick-up location of a car or booking, with `label` None when only the id is known."""

    location_id: str
    label: str | None
    state: WidgetState


async def load_pick_up_location(page: Page, location_id: str) -> PickUpLocation:
    """Fetch and name the location. A failed, rejected or unknown location gives the bare id."""
    if not is_resource_id(location_id):
        state = WidgetState(WidgetStatus.UNAVAILABLE, outcome="invalid_id")
        return PickUpLocation(location_id, None, state)
    try:
        fetched = await page.backends.location(location_id)
    except (NotFoundError, BackendRequestError):
        # Geolocation has no such location or rejects the id, so the widget shows the bare id.
        fetched = Fetched.unavailable("not_found")
    if fetched.value is None:
        return PickUpLocation(location_id, None, fetched.state)

    countries = await page.backends.country_names(page.language)
    label = formatting.location_label(fetched.value, countries.value or {})
    return PickUpLocation(location_id, label, fetched.state)
