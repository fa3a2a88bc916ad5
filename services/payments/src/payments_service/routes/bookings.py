"""`GET /bookings/{reference}`: a confirmed booking, for the holder of its e-mail address."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from payments_service.checkout import Checkout
from payments_service.routes.dependencies import get_checkout
from payments_service.schemas import MAX_EMAIL_LENGTH, BookingConfirmation, ErrorBody

router = APIRouter(tags=["bookings"])


@router.get(
    "/bookings/{reference}",
    response_model=BookingConfirmation,
    responses={404: {"model": ErrorBody, "description": "Unknown reference or other e-mail."}},
)
def get_booking(
    reference: Annotated[str, Path(min_length=1, max_length=20)],
    email: Annotated[str, Query(min_length=1, max_length=MAX_EMAIL_LENGTH)],
    checkout: Annotated[Checkout, Depends(get_checkout)],
) -> JSONResponse:
    """Return the booking with `reference` if `email` matches the one given at checkout."""
    return JSONResponse(content=checkout.get_booking(reference, email))
