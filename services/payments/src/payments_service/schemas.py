"""Request and response bodies of the payments API."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from payments_service.cards import (
    CardBrand,
    DeclineCode,
    detect_card_brand,
    normalize_card_number,
    required_cvc_length,
)

CENTS = Decimal("0.01")
MAX_EMAIL_LENGTH = 254

# Deliberately loose: one "@", no spaces, and a dot in the domain. Whether the mailbox exists
# only a confirmation e-mail can tell.
_EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

PersonName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Identifier = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Amount = Annotated[Decimal, Field(gt=0, max_digits=10, decimal_places=2, allow_inf_nan=False)]


class CardInput(BaseModel):
    """Card details of a payment request. Only brand and last four digits are ever stored."""

    model_config = ConfigDict(extra="forbid")

    number: str = Field(description="12 to 19 digits; spaces and dashes are ignored.")
    expiry_month: int = Field(ge=1, le=12)
    expiry_year: int
    cvc: str = Field(description="3 digits, or 4 for American Express.")
    holder_name: PersonName

    @field_validator("number")
    @classmethod
    def _normalize_number(cls, value: str) -> str:
        return normalize_card_number(value)

    @field_validator("expiry_year")
    @classmethod
    def _check_four_digit_year(cls, value: int) -> int:
        if not 2000 <= value <= 2099:
            raise ValueError(f"expiry year must be a four-digit year such as 2030, not {value}")
        return value

    @field_validator("cvc")
    @classmethod
    def _check_cvc_digits(cls, value: str) -> str:
        if not (value.isascii() and value.isdigit() and len(value) in (3, 4)):
            raise ValueError("CVC must be the 3 or 4 digits printed on the card")
        return value

    @model_validator(mode="after")
    def _check_cvc_length_for_brand(self) -> CardInput:
        expected_length = required_cvc_length(self.brand)
        if len(self.cvc) != expected_length:
            raise ValueError(
                f"CVC of a {self.brand.value} card must have {expected_length} digits, "
                f"not {len(self.cvc)}"
            )
        return self

    @property
    def brand(self) -> CardBrand:
        """Card network detected from the number's prefix."""
        return detect_card_brand(self.number)

    @property
    def last4(self) -> str:
        """Last four digits of the number, the only digits that are stored."""
        return self.number[-4:]


class BookingInput(BaseModel):
    """The booking that a successful payment confirms."""

    model_config = ConfigDict(extra="forbid")

    car_id: Identifier
    location_id: Identifier
    pick_up: date
    drop_off: date
    customer_name: PersonName
    email: str = Field(max_length=MAX_EMAIL_LENGTH)
    car_description: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
    ]

    @field_validator("email")
    @classmethod
    def _check_email_shape(cls, value: str) -> str:
        email = value.strip()
        if not _EMAIL_SHAPE.fullmatch(email):
            raise ValueError("e-mail address must look like name@example.com")
        return email

    @model_validator(mode="after")
    def _check_drop_off_after_pick_up(self) -> BookingInput:
        if self.drop_off <= self.pick_up:
            raise ValueError(
                f"drop_off ({self.drop_off.isoformat()}) must be after "
                f"pick_up ({self.pick_up.isoformat()}); choose a later drop-off date"
            )
        return self


class PaymentRequest(BaseModel):
    """Body of `POST /payments`: charge `amount` to the card and confirm the booking."""

    model_config = ConfigDict(extra="forbid")

    amount: Amount = Field(description='Decimal string with at most two places, e.g. "123.00".')
    currency: CurrencyCode = Field(description="ISO 4217 code in upper case, e.g. EUR.")
    card: CardInput
    booking: BookingInput

    @field_validator("amount")
    @classmethod
    def _to_two_places(cls, value: Decimal) -> Decimal:
        # "123.5" and "123.50" are the same amount, so they get the same request fingerprint.
        return value.quantize(CENTS)


class PaymentDetails(BaseModel):
    """The captured charge as the API shows it: no digits beyond the last four."""

    status: Literal["captured"]
    brand: CardBrand
    last4: str
    amount: Decimal
    currency: str


class BookingDetails(BaseModel):
    """A confirmed booking's fields, as the payment request gave them."""

    car_id: str
    location_id: str
    pick_up: date
    drop_off: date
    customer_name: str
    email: str
    car_description: str


class BookingConfirmation(BaseModel):
    """Body of a 201 from `POST /payments` and of `GET /bookings/{reference}`."""

    booking_reference: str
    status: Literal["confirmed"]
    payment: PaymentDetails
    booking: BookingDetails


class CardDeclinedBody(BaseModel):
    """Body of a 402 from `POST /payments`."""

    error: Literal["card_declined"] = "card_declined"
    decline_code: DeclineCode
    message: str


class ErrorBody(BaseModel):
    """Body of every other error: a stable code and a sentence that names the value and the fix."""

    error: str
    message: str
