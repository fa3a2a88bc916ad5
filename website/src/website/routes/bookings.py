"""Booking lookup by reference and e-mail, and the booking page that also confirms a new booking.

The e-mail address never appears in a URL. The lookup form posts it, and a successful lookup or
payment sets the signed booking cookie (see `website.booking_access`) and redirects to
`/bookings/{reference}`. That page shows the booking only to a browser with a valid cookie for
that reference, and shows the lookup form with the reference filled in to any other.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from website.booking_access import COOKIE_NAME
from website.errors import BackendRequestError, NotFoundError
from website.forms import FormError, normalize_booking_reference, validate_booking_lookup
from website.pages import Page, get_page
from website.pick_up_location import load_pick_up_location

router = APIRouter()


@router.get("/bookings", response_class=HTMLResponse)
async def booking_lookup_form(
    page: Annotated[Page, Depends(get_page)], reference: str = ""
) -> HTMLResponse:
    """Show the lookup form, with `?reference=` filled in when a link gives one."""
    values = {"reference": reference.strip()[:40], "email": ""}
    return page.render("bookings_lookup.html", values=values, errors={})


@router.post("/bookings", response_class=HTMLResponse)
async def booking_lookup(request: Request, page: Annotated[Page, Depends(get_page)]) -> Response:
    """Check the reference and e-mail with payments, then set the cookie and go to the booking.

    A booking that is not found, or payments being unavailable, shows the form again with both
    values kept, so the customer can correct them or retry.
    """
    form_data = await request.form()
    values: dict[str, str] = {}
    for name in ("reference", "email"):
        value = form_data.get(name)
        values[name] = value.strip() if isinstance(value, str) else ""
    errors = validate_booking_lookup(values["reference"], values["email"])
    if errors:
        return page.render(
            "bookings_lookup.html", 422, values=values, errors=page.field_errors(errors)
        )

    reference = normalize_booking_reference(values["reference"]) or values["reference"]
    try:
        fetched = await page.backends.booking(reference, values["email"])
    except (NotFoundError, BackendRequestError):
        # Payments returns 422 for a malformed reference or e-mail, and no booking can match those.
        return _render_not_found(page, values)
    if fetched.value is None:
        page.notices.append(page.t("notice.booking_unavailable"))
        return page.render("bookings_lookup.html", 503, values=values, errors={})

    response = RedirectResponse(f"/bookings/{quote(reference)}", status_code=303)
    page.booking_access.set(response, reference, values["email"])
    return response


@router.get("/bookings/{reference}", response_class=HTMLResponse)
async def booking_page(
    reference: str, request: Request, page: Annotated[Page, Depends(get_page)]
) -> Response:
    """Show the booking to a browser whose cookie proves its e-mail, else the lookup form."""
    normalized = normalize_booking_reference(reference)
    if normalized is None:
        error = FormError("reference", "form.error.reference_invalid", {"value": reference})
        values = {"reference": reference[:40], "email": ""}
        return page.render(
            "bookings_lookup.html", 404, values=values, errors=page.field_errors([error])
        )
    if normalized != reference:
        # The cookie's path is the upper-case reference, and cookie paths are case-sensitive.
        return RedirectResponse(f"/bookings/{quote(normalized)}", status_code=308)

    access = page.booking_access.verify(request.cookies.get(COOKIE_NAME), normalized)
    values = {"reference": normalized, "email": ""}
    if access is None:
        return page.render("bookings_lookup.html", values=values, errors={})

    try:
        fetched = await page.backends.booking(normalized, access.email)
    except (NotFoundError, BackendRequestError):
        return _render_not_found(page, values)
    if fetched.value is None:
        page.notices.append(page.t("notice.booking_unavailable"))
        return page.render("booking.html", 503, booking=None, reference=normalized)

    pick_up_location = await load_pick_up_location(page, fetched.value.booking.location_id)
    return page.render(
        "booking.html",
        booking=fetched.value,
        reference=normalized,
        pick_up_location=pick_up_location,
    )


def _render_not_found(page: Page, values: dict[str, str]) -> HTMLResponse:
    """Show the lookup form again with the values kept and the not-found message on top."""
    return page.render(
        "bookings_lookup.html",
        404,
        values=values,
        errors={},
        lookup_error=page.t("error.not_found.booking"),
    )
