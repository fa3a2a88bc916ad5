"""Form validation rules, without any backend."""

from __future__ import annotations

from datetime import date

import pytest

from website.forms import (
    CheckoutForm,
    is_valid_card_number,
    normalize_booking_reference,
    parse_rental_dates,
    validate_booking_lookup,
    validate_checkout,
)
from website.routes.checkout import payment_field_errors

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    "number",
    ["4242424242424242", "5555555555554444", "378282246310005", "4000000000009995"],
)
def test_test_cards_pass_luhn(number: str) -> None:
    assert is_valid_card_number(number)


@pytest.mark.parametrize(
    "number", ["4242424242424241", "42424242", "4242abcd42424242", "", "1" * 20]
)
def test_bad_card_numbers_fail(number: str) -> None:
    assert not is_valid_card_number(number)


def test_dates_valid_for_three_days() -> None:
    dates, errors = parse_rental_dates("2026-12-10", "2026-12-13", TODAY)

    assert errors == []
    assert dates is not None
    assert dates.days == 3


def test_pick_up_today_is_allowed() -> None:
    dates, errors = parse_rental_dates("2026-12-04", "2026-12-05", TODAY)

    assert errors == []
    assert dates is not None


@pytest.mark.parametrize(
    ("pick_up", "drop_off", "expected_keys"),
    [
        ("", "", ["form.error.pick_up_required", "form.error.drop_off_required"]),
        ("2026-13-01", "2026-12-20", ["form.error.date_invalid"]),
        ("2026-12-03", "2026-12-05", ["form.error.pick_up_past"]),
        ("2026-12-10", "2026-12-10", ["form.error.drop_off_not_after_pick_up"]),
        ("2026-12-10", "2027-03-11", ["form.error.rental_too_long"]),
        (
            "2026-12-01",
            "2026-11-30",
            ["form.error.pick_up_past", "form.error.drop_off_not_after_pick_up"],
        ),
    ],
)
def test_date_rules(pick_up: str, drop_off: str, expected_keys: list[str]) -> None:
    dates, errors = parse_rental_dates(pick_up, drop_off, TODAY)

    assert dates is None
    assert [error.key for error in errors] == expected_keys


def test_rental_of_90_days_is_allowed() -> None:
    dates, errors = parse_rental_dates("2026-12-10", "2027-03-10", TODAY)

    assert errors == []
    assert dates is not None
    assert dates.days == 90


def checkout(**changes: str) -> CheckoutForm:
    fields = {
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "card_holder": "Ada Lovelace",
        "card_number": "4242 4242 4242 4242",
        "expiry_month": "12",
        "expiry_year": "2030",
        "cvc": "123",
        "idempotency_key": "",
        **changes,
    }
    return CheckoutForm.from_form_data(fields)


def test_valid_checkout_has_no_errors() -> None:
    assert validate_checkout(checkout(), TODAY) == []


@pytest.mark.parametrize(
    ("changes", "field", "key"),
    [
        ({"email": "ada.example.com"}, "email", "form.error.email_invalid"),
        ({"card_number": "4242 4242 4242 4241"}, "card_number", "form.error.card_number_invalid"),
        ({"expiry_month": "11", "expiry_year": "2026"}, "expiry_month", "form.error.card_expired"),
        ({"expiry_month": "13"}, "expiry_month", "form.error.expiry_invalid"),
        ({"cvc": "12"}, "cvc", "form.error.cvc_invalid"),
        ({"expiry_year": "2100"}, "expiry_month", "form.error.expiry_invalid"),
        ({"name": "x" * 101}, "name", "form.error.too_long"),
    ],
)
def test_checkout_rules(changes: dict[str, str], field: str, key: str) -> None:
    errors = validate_checkout(checkout(**changes), TODAY)

    assert [(error.field, error.key) for error in errors] == [(field, key)]


def test_card_expiring_this_month_is_valid() -> None:
    assert validate_checkout(checkout(expiry_month="12", expiry_year="2026"), TODAY) == []


def test_form_replaces_missing_idempotency_key() -> None:
    form = checkout(idempotency_key="not-a-uuid")

    assert len(form.idempotency_key) == 36
    assert form.idempotency_key != "not-a-uuid"


def test_form_repr_hides_card_secrets() -> None:
    form = checkout()

    assert "4242" not in repr(form)
    assert "123" not in repr(form)
    assert form.without_card_secrets().card_number == ""


def test_booking_reference_is_normalized() -> None:
    assert normalize_booking_reference(" rc-7kq2m9xa ") == "RC-7KQ2M9XA"
    assert normalize_booking_reference("RC 12/3") is None


def test_lookup_rejects_overlong_email() -> None:
    errors = validate_booking_lookup("RC-7KQ2M9XA", "a" * 250 + "@x.io")

    assert [(error.field, error.key) for error in errors] == [("email", "form.error.too_long")]


def test_amex_needs_four_digit_cvc() -> None:
    errors = validate_checkout(checkout(card_number="3782 822463 10005", cvc="123"), TODAY)

    assert [(error.field, error.key) for error in errors] == [("cvc", "form.error.cvc_invalid")]
    assert errors[0].values == {"digits": 4}
    assert validate_checkout(checkout(card_number="378282246310005", cvc="1234"), TODAY) == []


def test_visa_needs_three_digit_cvc() -> None:
    errors = validate_checkout(checkout(cvc="1234"), TODAY)

    assert [error.values for error in errors] == [{"digits": 3}]


def test_payments_field_errors_map_to_form() -> None:
    form = checkout(email="ada@example.com", card_number="378282246310005")

    errors = payment_field_errors(("card.cvc", "booking.email", "card", "card.number"), form)

    assert [(error.field, error.key) for error in errors] == [
        ("cvc", "form.error.cvc_invalid"),
        ("email", "form.error.email_invalid"),
        ("card_number", "form.error.card_number_invalid"),
    ]
    assert errors[0].values == {"digits": 4}
    assert errors[1].values == {"value": "ada@example.com"}
