"""Booking references, booking lookup, and the JSON shape of a confirmed booking."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from payments_service.cards import CardBrand
from payments_service.errors import BookingNotFoundError
from payments_service.models import Booking
from payments_service.schemas import (
    CENTS,
    BookingConfirmation,
    BookingDetails,
    PaymentDetails,
)

BOOKING_REFERENCE_PREFIX = "RC-"
BOOKING_REFERENCE_LENGTH = 8
# Digits and capitals without 0, O, 1 and I, which people confuse when they read a reference
# aloud or type it from a printout. 32 symbols over 8 places give about 1.1e12 references.
BOOKING_REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_booking_reference() -> str:
    """Return a random reference such as `RC-7KQ2M9XA`, drawn from the `secrets` generator."""
    suffix = "".join(
        secrets.choice(BOOKING_REFERENCE_ALPHABET) for _ in range(BOOKING_REFERENCE_LENGTH)
    )
    return BOOKING_REFERENCE_PREFIX + suffix


def find_booking(session: Session, reference: str, email: str) -> Booking:
    """Return the booking with `reference` whose e-mail matches `email`, ignoring case.

    Raises BookingNotFoundError both when the reference is unknown and when the e-mail differs,
    with the same message, so a caller holding only a reference learns nothing about it.
    """
    normalized_reference = reference.strip().upper()
    booking = session.scalar(select(Booking).where(Booking.reference == normalized_reference))
    if booking is None or booking.email.casefold() != email.strip().casefold():
        raise BookingNotFoundError(
            f"No booking has reference '{normalized_reference}' with that e-mail address. "
            "Check the reference and use the e-mail address given at checkout."
        )
    return booking


def describe_booking(booking: Booking) -> dict[str, Any]:
    """Return the JSON body of a confirmed booking and its charge."""
    charge = booking.charge
    confirmation = BookingConfirmation(
        booking_reference=booking.reference,
        status="confirmed",
        payment=PaymentDetails(
            status="captured",
            brand=CardBrand(charge.brand),
            last4=charge.last4,
            amount=charge.amount.quantize(CENTS),
            currency=charge.currency,
        ),
        booking=BookingDetails(
            car_id=booking.car_id,
            location_id=booking.location_id,
            pick_up=booking.pick_up,
            drop_off=booking.drop_off,
            customer_name=booking.customer_name,
            email=booking.email,
            car_description=booking.car_description,
        ),
    )
    return confirmation.model_dump(mode="json")
