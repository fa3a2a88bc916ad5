"""Booking lookup by reference and e-mail, and the booking page that also confirms a new booking."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from website.errors import NotFoundError
from website.forms import normalize_booking_reference, validate_booking_lookup
from website.pages import Page, get_page

router = APIRouter()


@router.get("/bookings", response_class=HTMLResponse)
async def booking_lookup(
    page: Annotated[Page, Depends(get_page)],
    reference: str | None = None,
    email: str | None = None,
) -> Response:
    """Show the lookup form; once submitted with both fields, go to the booking page."""
    values = {"reference": (reference or "").strip(), "email": (email or "").strip()}
    if reference is None and email is None:
        return page.render("bookings_lookup.html", values=values, errors={})

    errors = validate_booking_lookup(values["reference"], values["email"])
    if errors:
        return page.render(
            "bookings_lookup.html", 422, values=values, errors=page.field_errors(errors)
        )
    normalized = normalize_booking_reference(values["reference"]) or values["reference"]
    url = f"/bookings/{quote(normalized)}?{urlencode({'email': values['email']})}"
    return RedirectResponse(url, status_code=303)


@router.get("/bookings/{reference}", response_class=HTMLResponse)
async def booking_page(
    reference: str,
    page: Annotated[Page, Depends(get_page)],
    email: str = "",
) -> Response:
    normalized = normalize_booking_reference(reference)
    if normalized is None:
        raise NotFoundError("bookings", reference)
    if not email.strip():
        values = {"reference": normalized, "email": ""}
        return page.render("bookings_lookup.html", values=values, errors={})

    fetched = await page.backends.booking(normalized, email.strip())
    if fetched.value is None:
        page.notices.append(page.t("notice.booking_unavailable"))
        return page.render("booking.html", 503, booking=None, reference=normalized)
    return page.render("booking.html", booking=fetched.value, reference=normalized)
