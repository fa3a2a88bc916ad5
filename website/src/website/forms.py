"""Validation of the search, checkout and booking lookup forms.

Each check returns `FormError`s that name the form field and a UI string key with its values, so the
page can show every problem at once in the user's language and keep what the user typed.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

MAX_RENTAL_DAYS = 90
MAX_NAME_LENGTH = 100
MAX_EMAIL_LENGTH = 254
MAX_LOCATION_TEXT_LENGTH = 100
# Card numbers of the common brands have 12 to 19 digits (ISO/IEC 7812).
CARD_NUMBER_LENGTHS = range(12, 20)

_EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CVC_PATTERN = re.compile(r"^[0-9]{3,4}$")
# Payments accepts four-digit expiry years from 2000 to 2099.
MIN_EXPIRY_YEAR = 2000
MAX_EXPIRY_YEAR = 2099
_BOOKING_REFERENCE_PATTERN = re.compile(r"^[A-Z0-9-]{1,40}$")
_RESOURCE_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


@dataclass(frozen=True)
class FormError:
    """One problem with one field: `key` is the UI string to show, filled with `values`."""

    field: str
    key: str
    values: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class SearchFormValues:
    """The search form as typed, rendered back unchanged when the page shows errors.

    `location_id` and `country_code` are hidden fields that the autocomplete script fills when the
    user picks a suggestion, and that a results page fills for the next search.
    """

    location: str = ""
    location_id: str = ""
    country_code: str = ""
    pick_up: str = ""
    drop_off: str = ""


@dataclass(frozen=True)
class RentalDates:
    pick_up: date
    drop_off: date

    @property
    def days(self) -> int:
        return (self.drop_off - self.pick_up).days


def parse_rental_dates(
    pick_up_text: str, drop_off_text: str, today: date
) -> tuple[RentalDates | None, list[FormError]]:
    """Parse and check the rental dates: both present, ISO dates, pick-up not before `today`,
    drop-off after pick-up, and at most `MAX_RENTAL_DAYS` days."""
    errors: list[FormError] = []
    pick_up = _parse_date("pick_up", pick_up_text, errors)
    drop_off = _parse_date("drop_off", drop_off_text, errors)
    if pick_up is None or drop_off is None:
        return None, errors

    if pick_up < today:
        errors.append(FormError("pick_up", "form.error.pick_up_past", {"date": pick_up}))
    if drop_off <= pick_up:
        errors.append(FormError("drop_off", "form.error.drop_off_not_after_pick_up"))
    elif (drop_off - pick_up).days > MAX_RENTAL_DAYS:
        errors.append(
            FormError(
                "drop_off",
                "form.error.rental_too_long",
                {"max_days": MAX_RENTAL_DAYS, "days": (drop_off - pick_up).days},
            )
        )
    if errors:
        return None, errors
    return RentalDates(pick_up, drop_off), []


def _parse_date(field_name: str, text: str, errors: list[FormError]) -> date | None:
    text = text.strip()
    if not text:
        errors.append(FormError(field_name, f"form.error.{field_name}_required"))
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(FormError(field_name, "form.error.date_invalid", {"value": text}))
        return None


@dataclass
class CheckoutForm:
    """The checkout form as typed. No template renders `card_number` or `cvc` back into a page."""

    name: str = ""
    email: str = ""
    card_holder: str = ""
    card_number: str = dataclasses.field(default="", repr=False)
    expiry_month: str = ""
    expiry_year: str = ""
    cvc: str = dataclasses.field(default="", repr=False)
    idempotency_key: str = ""

    @classmethod
    def from_form_data(cls, data: dict[str, str]) -> CheckoutForm:
        key = data.get("idempotency_key", "").strip()
        return cls(
            name=data.get("name", "").strip(),
            email=data.get("email", "").strip(),
            card_holder=data.get("card_holder", "").strip(),
            card_number=data.get("card_number", ""),
            expiry_month=data.get("expiry_month", "").strip(),
            expiry_year=data.get("expiry_year", "").strip(),
            cvc=data.get("cvc", "").strip(),
            idempotency_key=key if is_idempotency_key(key) else new_idempotency_key(),
        )

    def without_card_secrets(self, idempotency_key: str | None = None) -> CheckoutForm:
        """Return a copy to re-render: card number and CVC emptied, optionally a new key."""
        return CheckoutForm(
            name=self.name,
            email=self.email,
            card_holder=self.card_holder,
            expiry_month=self.expiry_month,
            expiry_year=self.expiry_year,
            idempotency_key=idempotency_key or self.idempotency_key,
        )

    @property
    def card_digits(self) -> str:
        return re.sub(r"[\s-]", "", self.card_number)


def validate_checkout(form: CheckoutForm, today: date) -> list[FormError]:
    """Check every checkout field the way payments will, so most mistakes never reach it."""
    errors: list[FormError] = []
    if not form.name:
        errors.append(FormError("name", "form.error.name_required"))
    elif len(form.name) > MAX_NAME_LENGTH:
        errors.append(FormError("name", "form.error.too_long", {"max_length": MAX_NAME_LENGTH}))

    if not form.email:
        errors.append(FormError("email", "form.error.email_required"))
    elif len(form.email) > MAX_EMAIL_LENGTH or not _EMAIL_PATTERN.match(form.email):
        errors.append(FormError("email", "form.error.email_invalid", {"value": form.email}))

    if not form.card_holder:
        errors.append(FormError("card_holder", "form.error.card_holder_required"))
    elif len(form.card_holder) > MAX_NAME_LENGTH:
        errors.append(
            FormError("card_holder", "form.error.too_long", {"max_length": MAX_NAME_LENGTH})
        )

    if not form.card_digits:
        errors.append(FormError("card_number", "form.error.card_number_required"))
    elif not is_valid_card_number(form.card_digits):
        errors.append(FormError("card_number", "form.error.card_number_invalid"))

    errors.extend(_check_expiry(form.expiry_month, form.expiry_year, today))

    cvc_length = required_cvc_length(form.card_digits)
    if not form.cvc:
        errors.append(FormError("cvc", "form.error.cvc_required"))
    elif not _CVC_PATTERN.match(form.cvc) or len(form.cvc) != cvc_length:
        errors.append(FormError("cvc", "form.error.cvc_invalid", {"digits": cvc_length}))
    return errors


def _check_expiry(month_text: str, year_text: str, today: date) -> list[FormError]:
    try:
        month = int(month_text)
        year = int(year_text)
    except ValueError:
        return [FormError("expiry_month", "form.error.expiry_invalid")]
    if not 1 <= month <= 12 or not MIN_EXPIRY_YEAR <= year <= MAX_EXPIRY_YEAR:
        return [FormError("expiry_month", "form.error.expiry_invalid")]
    # A card is valid until the last day of its expiry month.
    if (year, month) < (today.year, today.month):
        return [FormError("expiry_month", "form.error.card_expired")]
    return []


def required_cvc_length(card_digits: str) -> int:
    """Return the CVC length of the card: 4 digits for American Express (34 or 37), else 3."""
    return 4 if card_digits.startswith(("34", "37")) else 3


def is_valid_card_number(digits: str) -> bool:
    """Return True for 12 to 19 digits that pass the Luhn check."""
    if not digits.isdigit() or len(digits) not in CARD_NUMBER_LENGTHS:
        return False
    total = 0
    for position, character in enumerate(reversed(digits)):
        digit = int(character)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


def is_idempotency_key(text: str) -> bool:
    try:
        return uuid.UUID(text).version == 4
    except ValueError:
        return False


def normalize_booking_reference(text: str) -> str | None:
    """Return the reference in upper case, or None when it cannot be a booking reference."""
    reference = text.strip().upper()
    return reference if _BOOKING_REFERENCE_PATTERN.match(reference) else None


def is_resource_id(text: str) -> bool:
    """Return True for an id that is safe to put into a backend URL path (`airport-LIS.03`)."""
    return bool(_RESOURCE_ID_PATTERN.match(text))


def validate_booking_lookup(reference_text: str, email: str) -> list[FormError]:
    errors: list[FormError] = []
    if not reference_text.strip():
        errors.append(FormError("reference", "form.error.reference_required"))
    elif normalize_booking_reference(reference_text) is None:
        errors.append(
            FormError(
                "reference", "form.error.reference_invalid", {"value": reference_text.strip()}
            )
        )
    if not email.strip():
        errors.append(FormError("email", "form.error.email_required"))
    elif len(email.strip()) > MAX_EMAIL_LENGTH:
        errors.append(FormError("email", "form.error.too_long", {"max_length": MAX_EMAIL_LENGTH}))
    return errors
