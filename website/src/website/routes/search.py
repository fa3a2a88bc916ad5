"""The results page: check the search form, resolve the location, list cars with prices and ratings.

Each dependency has its own widget on the page. Geolocation, search, ratings or translations
being down degrades its widget with a notice, and none of them turns the page into a 5xx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from website import formatting
from website.errors import BackendRequestError, NotFoundError
from website.forms import (
    MAX_LOCATION_TEXT_LENGTH,
    FormError,
    SearchFormValues,
    is_resource_id,
    parse_rental_dates,
)
from website.pages import Page, get_page, today_utc
from website.schemas import Location
from website.widgets import WidgetState, WidgetStatus

router = APIRouter()

_COUNTRY_CODE_PATTERN = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class ResolvedLocation:
    """The location to search: its id, its country (for prices) and how to name it on the page."""

    location_id: str
    country_code: str
    label: str


@dataclass(frozen=True)
class LocationResolution:
    location: ResolvedLocation | None
    errors: list[FormError]
    # False when geolocation was needed and was unavailable.
    geolocation_available: bool = True


@router.get("/search", response_class=HTMLResponse)
async def search(
    page: Annotated[Page, Depends(get_page)],
    location: str = "",
    location_id: str = "",
    country_code: str = "",
    pick_up: str = "",
    drop_off: str = "",
) -> HTMLResponse:
    form = SearchFormValues(
        location=location.strip()[:MAX_LOCATION_TEXT_LENGTH],
        location_id=location_id.strip(),
        country_code=country_code.strip().upper(),
        pick_up=pick_up.strip(),
        drop_off=drop_off.strip(),
    )
    dates, errors = parse_rental_dates(form.pick_up, form.drop_off, today_utc())
    resolution = await resolve_location(page, form)
    errors = resolution.errors + errors
    if resolution.location is not None:
        # Keep the resolved id in the form, so fixing a date does not need a new lookup.
        form = SearchFormValues(
            location=form.location or resolution.location.label,
            location_id=resolution.location.location_id,
            country_code=resolution.location.country_code,
            pick_up=form.pick_up,
            drop_off=form.drop_off,
        )

    if not resolution.geolocation_available:
        page.notices.append(page.t("notice.geolocation_unavailable"))
    if errors:
        return page.render("search.html", 422, form=form, errors=page.field_errors(errors))
    if resolution.location is None or dates is None:
        return page.render("search.html", form=form, errors={})

    place = resolution.location
    try:
        fetched = await page.backends.search_cars(
            place.location_id, place.country_code, dates.pick_up, dates.drop_off, page.language
        )
    except BackendRequestError:
        error = FormError("pick_up", "form.error.dates_rejected")
        return page.render("search.html", 422, form=form, errors=page.field_errors([error]))
    if fetched.value is None:
        page.notices.append(page.t("notice.search_unavailable"))
        return page.render("search.html", form=form, errors={}, search_state=fetched.state)

    car_list = fetched.value
    cars = sorted(car_list.cars, key=lambda car: (car.total_price, car.make, car.model))
    ratings = await page.backends.ratings([car.model_key for car in cars])
    return page.render(
        "search.html",
        form=form,
        errors={},
        place=place,
        dates=dates,
        car_list=car_list,
        cars=cars,
        search_state=fetched.state,
        ratings=ratings.value or {},
        ratings_state=ratings.state,
        descriptions_state=WidgetState(
            WidgetStatus(car_list.descriptions.source),
            age_seconds=car_list.descriptions.age_seconds,
        ),
    )


async def resolve_location(page: Page, form: SearchFormValues) -> LocationResolution:
    """Find the location to search: by the hidden `location_id`, else the best text match.

    When geolocation is unavailable, a `location_id` that came with its `country_code` (from a
    picked suggestion or an earlier results page) can still be searched.
    """
    if form.location_id and is_resource_id(form.location_id):
        try:
            fetched = await page.backends.location(form.location_id)
        except NotFoundError:
            fetched = None
        if fetched is not None and fetched.value is not None:
            return LocationResolution(await _resolved(page, fetched.value), [])
        if fetched is not None and _COUNTRY_CODE_PATTERN.match(form.country_code):
            label = form.location or form.location_id
            return LocationResolution(
                ResolvedLocation(form.location_id, form.country_code, label), []
            )
        if fetched is not None:
            return LocationResolution(None, [], geolocation_available=False)

    if not form.location:
        return LocationResolution(None, [FormError("location", "form.error.location_required")])

    matches = await page.backends.autocomplete(form.location, limit=1)
    if matches.value is None:
        return LocationResolution(None, [], geolocation_available=False)
    if not matches.value:
        error = FormError("location", "form.error.location_unknown", {"value": form.location})
        return LocationResolution(None, [error])
    return LocationResolution(await _resolved(page, matches.value[0]), [])


async def _resolved(page: Page, location: Location) -> ResolvedLocation:
    countries = await page.backends.country_names(page.language)
    label = formatting.location_label(location, countries.value or {})
    return ResolvedLocation(location.id, location.country_code, label)
