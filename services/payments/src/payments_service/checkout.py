"""Charging a card and confirming the booking in one transaction, exactly once per idempotency key.

One call of `Checkout.submit_payment` runs one database transaction that inserts the idempotency
record first, then either the booking with its charge (201) or nothing more (402 decline), then the
response it returns. A retry with the same key fails on the unique key, after waiting for the first
transaction to finish when both run at once, and replays the stored response.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from payments_service.bookings import describe_booking, find_booking, new_booking_reference
from payments_service.cards import DeclineCode, find_decline_code
from payments_service.errors import CardExpiredError, IdempotencyKeyReusedError
from payments_service.idempotency import compute_request_fingerprint
from payments_service.models import Booking, Charge, IdempotencyRecord
from payments_service.schemas import CardDeclinedBody, CardInput, PaymentRequest

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]

# A collision among 1.1e12 references is already unlikely; five in a row means a broken generator.
_MAX_REFERENCE_ATTEMPTS = 5

_DECLINE_MESSAGES: dict[DeclineCode, str] = {
    DeclineCode.INSUFFICIENT_FUNDS: "The card was declined for insufficient funds. "
    "Use another card or contact the card issuer.",
    DeclineCode.CARD_DECLINED: "The card was declined by its issuer. "
    "Use another card or contact the card issuer.",
    DeclineCode.EXPIRED_CARD: "The card issuer reports the card as expired. Use another card.",
    DeclineCode.INCORRECT_CVC: "The card issuer rejected the CVC. "
    "Check the code on the back of the card and try again.",
}


@dataclass(frozen=True)
class PaymentResult:
    """HTTP status and JSON body of a payment request; `replayed` when it came from a retry."""

    status_code: int
    body: dict[str, Any]
    replayed: bool = False


class Checkout:
    """Submits payments and looks up the bookings they confirmed."""

    def __init__(
        self, session_factory: sessionmaker[Session], fingerprint_secret: bytes, clock: Clock
    ) -> None:
        self._session_factory = session_factory
        self._fingerprint_secret = fingerprint_secret
        self._clock = clock

    def submit_payment(self, idempotency_key: str, payment: PaymentRequest) -> PaymentResult:
        """Charge the card and confirm the booking, or replay the response stored for the key.

        Raises IdempotencyKeyReusedError when the key was used for a different body. Raises
        CardExpiredError when the card expired before the current month. Neither outcome is
        stored, so the client can retry the same key with a corrected body.
        """
        fingerprint = compute_request_fingerprint(self._fingerprint_secret, payment)
        now = self._clock()

        with self._session_factory() as session:
            record = IdempotencyRecord(
                key=idempotency_key, request_fingerprint=fingerprint, created_at=now
            )
            session.add(record)
            try:
                session.flush()
            except IntegrityError:
                session.rollback()
                return _replay_stored_response(session, idempotency_key, fingerprint)

            # Checked after the key is claimed, so a retry of a payment that succeeded before
            # the card expired still replays its 201. Leaving the block without a commit rolls
            # the claim back.
            check_card_not_expired(payment.card, now.date())

            decline_code = find_decline_code(payment.card.number)
            if decline_code is None:
                result = _confirm_booking(session, payment, now)
            else:
                result = _decline(payment.card, decline_code)

            record.status_code = result.status_code
            record.response_body = json.dumps(result.body)
            session.commit()
        return result

    def get_booking(self, reference: str, email: str) -> dict[str, Any]:
        """Return the JSON body of the booking with `reference` and `email`.

        Raises BookingNotFoundError when the reference is unknown or the e-mail differs.
        """
        with self._session_factory() as session:
            return describe_booking(find_booking(session, reference, email))


def check_card_not_expired(card: CardInput, today: date) -> None:
    """Raise CardExpiredError unless the card is valid in the month of `today`.

    A card is valid through the last day of its expiry month.
    """
    if card.expiry_year < today.year:
        raise CardExpiredError(
            f"card expired in {card.expiry_year}; use a card that expires in "
            f"{today.month:02d}/{today.year} or later",
            field="card.expiry_year",
        )
    if card.expiry_year == today.year and card.expiry_month < today.month:
        raise CardExpiredError(
            f"card expired at the end of {card.expiry_month:02d}/{card.expiry_year}; use a card "
            f"that expires in {today.month:02d}/{today.year} or later",
            field="card.expiry_month",
        )


def _confirm_booking(session: Session, payment: PaymentRequest, now: datetime) -> PaymentResult:
    booking_input = payment.booking
    booking = Booking(
        reference=_new_unused_reference(session),
        status="confirmed",
        car_id=booking_input.car_id,
        location_id=booking_input.location_id,
        pick_up=booking_input.pick_up,
        drop_off=booking_input.drop_off,
        customer_name=booking_input.customer_name,
        email=booking_input.email,
        car_description=booking_input.car_description,
        created_at=now,
    )
    booking.charge = Charge(
        status="captured",
        brand=payment.card.brand.value,
        last4=payment.card.last4,
        amount=payment.amount,
        currency=payment.currency,
        created_at=now,
    )
    session.add(booking)
    session.flush()

    logger.info(
        "payment.charged",
        extra={
            "booking_reference": booking.reference,
            "brand": payment.card.brand.value,
            "last4": payment.card.last4,
        },
    )
    return PaymentResult(status_code=201, body=describe_booking(booking))


def _decline(card: CardInput, decline_code: DeclineCode) -> PaymentResult:
    logger.info(
        "payment.declined",
        extra={"brand": card.brand.value, "last4": card.last4, "decline_code": decline_code.value},
    )
    body = CardDeclinedBody(decline_code=decline_code, message=_DECLINE_MESSAGES[decline_code])
    return PaymentResult(status_code=402, body=body.model_dump(mode="json"))


def _new_unused_reference(session: Session) -> str:
    for _ in range(_MAX_REFERENCE_ATTEMPTS):
        reference = new_booking_reference()
        if session.scalar(select(Booking.id).where(Booking.reference == reference)) is None:
            return reference
    raise RuntimeError(
        f"{_MAX_REFERENCE_ATTEMPTS} random booking references in a row were already taken"
    )


def _replay_stored_response(session: Session, key: str, fingerprint: str) -> PaymentResult:
    record = session.scalar(select(IdempotencyRecord).where(IdempotencyRecord.key == key))
    if record is None or record.status_code is None or record.response_body is None:
        # The insert failed on a constraint other than the unique key, which would be a bug.
        raise RuntimeError("idempotency record insert failed, but no record has the key")
    if not hmac.compare_digest(record.request_fingerprint, fingerprint):
        raise IdempotencyKeyReusedError(
            f"The Idempotency-Key '{key}' was already used for a payment with a different body. "
            "Send a new key for a new payment, or resend the original body to retry it."
        )

    logger.info("payment.replayed", extra={"status_code": record.status_code})
    return PaymentResult(
        status_code=record.status_code, body=json.loads(record.response_body), replayed=True
    )

