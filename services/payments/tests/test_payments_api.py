from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
from fastapi.testclient import TestClient

if TYPE_CHECKING:
    from conftest import FixedClock, PaymentBodyFactory

REFERENCE_PATTERN = re.compile(r"RC-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}")


def post_payment(client: TestClient, body: dict[str, Any], key: str = "key-1") -> Any:
    return client.post("/payments", json=body, headers={"Idempotency-Key": key})


@pytest.mark.parametrize(
    ("number", "cvc", "brand", "last4"),
    [
        ("4242 4242 4242 4242", "123", "visa", "4242"),
        ("5555 5555 5555 4444", "123", "mastercard", "4444"),
        ("3782 822463 10005", "1234", "amex", "0005"),
        ("6011-1111-1111-1117", "123", "discover", "1117"),
    ],
)
def test_success_card_confirms_booking(
    client: TestClient,
    build_payment: PaymentBodyFactory,
    count_rows: Callable[[str], int],
    number: str,
    cvc: str,
    brand: str,
    last4: str,
) -> None:
    body = build_payment(number, cvc)

    response = post_payment(client, body)

    assert response.status_code == 201
    confirmation = response.json()
    assert REFERENCE_PATTERN.fullmatch(confirmation["booking_reference"])
    assert confirmation["status"] == "confirmed"
    assert confirmation["payment"] == {
        "status": "captured",
        "brand": brand,
        "last4": last4,
        "amount": "123.00",
        "currency": "EUR",
    }
    assert confirmation["booking"] == body["booking"]
    assert count_rows("charges") == 1
    assert count_rows("bookings") == 1


def test_amount_is_returned_with_two_places(
    client: TestClient, build_payment: PaymentBodyFactory
) -> None:
    response = post_payment(client, build_payment(amount="99.5"))

    assert response.status_code == 201
    assert response.json()["payment"]["amount"] == "99.50"


@pytest.mark.parametrize(
    ("number", "decline_code"),
    [
        ("4000 0000 0000 9995", "insufficient_funds"),
        ("4000 0000 0000 0002", "card_declined"),
        ("4000 0000 0000 0069", "expired_card"),
        ("4000 0000 0000 0127", "incorrect_cvc"),
    ],
)
def test_declined_card_stores_nothing(
    client: TestClient,
    build_payment: PaymentBodyFactory,
    count_rows: Callable[[str], int],
    number: str,
    decline_code: str,
) -> None:
    response = post_payment(client, build_payment(number))

    assert response.status_code == 402
    body = response.json()
    assert body["error"] == "card_declined"
    assert body["decline_code"] == decline_code
    assert body["message"]
    assert count_rows("charges") == 0
    assert count_rows("bookings") == 0
    assert count_rows("idempotency_records") == 1


def test_declined_retry_replays_402(client: TestClient, build_payment: PaymentBodyFactory) -> None:
    body = build_payment("4000 0000 0000 9995")

    first = post_payment(client, body)
    retry = post_payment(client, body)

    assert first.status_code == 402
    assert retry.status_code == 402
    assert retry.json() == first.json()
    assert retry.headers["Idempotent-Replayed"] == "true"


def test_luhn_failure_is_422_without_number(
    client: TestClient, build_payment: PaymentBodyFactory, count_rows: Callable[[str], int]
) -> None:
    response = post_payment(client, build_payment("4242 4242 4242 4241"))

    assert response.status_code == 422
    assert "card number failed the Luhn check" in response.text
    assert "4242424242424241" not in response.text
    assert "4242 4242 4242 4241" not in response.text
    assert response.json()["detail"][0]["field"] == "card.number"
    assert response.json()["detail"][0]["value"] is None
    assert count_rows("idempotency_records") == 0


@pytest.mark.parametrize(
    ("card_changes", "field"),
    [
        ({"number": 4242424242424242}, "card.number"),
        ({"cvc": "12"}, "card.cvc"),
        ({"cvc": "12a"}, "card.cvc"),
        ({"cvc": "1234"}, "card"),
        ({"number": "3782 822463 10005", "cvc": "123"}, "card"),
        ({"expiry_month": 13}, "card.expiry_month"),
        ({"expiry_month": 0}, "card.expiry_month"),
        ({"expiry_year": 30}, "card.expiry_year"),
        ({"holder_name": ""}, "card.holder_name"),
        ({"holder_name": "x" * 101}, "card.holder_name"),
    ],
)
def test_invalid_card_field_is_422_without_value(
    client: TestClient,
    build_payment: PaymentBodyFactory,
    card_changes: dict[str, Any],
    field: str,
) -> None:
    body = build_payment()
    body["card"].update(card_changes)

    response = post_payment(client, body)

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [item["field"] for item in detail] == [field]
    assert detail[0]["value"] is None
    assert "4242" not in response.text


def test_card_given_as_string_is_not_echoed(
    client: TestClient, build_payment: PaymentBodyFactory
) -> None:
    response = post_payment(client, build_payment(card="4242424242424242"))

    assert response.status_code == 422
    assert "4242" not in response.text


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": "0.00"}, "amount"),
        ({"amount": "-5.00"}, "amount"),
        ({"amount": "12.345"}, "amount"),
        ({"amount": "NaN"}, "amount"),
        ({"currency": "eur"}, "currency"),
        ({"currency": "EURO"}, "currency"),
    ],
)
def test_invalid_amount_or_currency_is_422(
    client: TestClient, build_payment: PaymentBodyFactory, changes: dict[str, Any], field: str
) -> None:
    response = post_payment(client, build_payment(**changes))

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [item["field"] for item in detail] == [field]
    assert detail[0]["value"] == changes[field]


@pytest.mark.parametrize(
    ("booking_changes", "field"),
    [
        ({"email": "ada.example.com"}, "booking.email"),
        ({"email": "ada@example"}, "booking.email"),
        ({"email": "ada lovelace@example.com"}, "booking.email"),
        ({"customer_name": "   "}, "booking.customer_name"),
        ({"customer_name": "y" * 101}, "booking.customer_name"),
        ({"drop_off": "2026-12-10"}, "booking"),
        ({"drop_off": "2026-12-09"}, "booking"),
        ({"pick_up": "2026-13-01"}, "booking.pick_up"),
        ({"car_id": ""}, "booking.car_id"),
    ],
)
def test_invalid_booking_field_is_422(
    client: TestClient,
    build_payment: PaymentBodyFactory,
    booking_changes: dict[str, Any],
    field: str,
) -> None:
    body = build_payment()
    body["booking"].update(booking_changes)

    response = post_payment(client, body)

    assert response.status_code == 422
    assert [item["field"] for item in response.json()["detail"]] == [field]


def test_drop_off_error_names_both_dates(
    client: TestClient, build_payment: PaymentBodyFactory
) -> None:
    body = build_payment()
    body["booking"]["drop_off"] = "2026-12-09"

    response = post_payment(client, body)

    message = response.json()["detail"][0]["message"]
    assert "2026-12-09" in message
    assert "2026-12-10" in message


def test_unknown_field_is_422(client: TestClient, build_payment: PaymentBodyFactory) -> None:
    body = build_payment()
    body["card"]["expiry_yr"] = 2030

    response = post_payment(client, body)

    assert response.status_code == 422
    assert "card.expiry_yr" in [item["field"] for item in response.json()["detail"]]


def test_expiry_month_in_past_is_422(
    client: TestClient, build_payment: PaymentBodyFactory, clock: FixedClock
) -> None:
    clock.now = datetime(2027, 1, 15, tzinfo=UTC)
    body = build_payment()
    body["card"].update(expiry_month=12, expiry_year=2026)

    response = post_payment(client, body)

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["field"] == "card.expiry_year"
    assert "01/2027 or later" in detail[0]["message"]


def test_expiry_earlier_this_year_is_422(
    client: TestClient, build_payment: PaymentBodyFactory, clock: FixedClock
) -> None:
    clock.now = datetime(2027, 5, 1, tzinfo=UTC)
    body = build_payment()
    body["card"].update(expiry_month=4, expiry_year=2027)

    response = post_payment(client, body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "card.expiry_month"


def test_card_valid_through_expiry_month(
    client: TestClient, build_payment: PaymentBodyFactory, clock: FixedClock
) -> None:
    clock.now = datetime(2027, 1, 31, 23, 59, tzinfo=UTC)
    body = build_payment()
    body["card"].update(expiry_month=1, expiry_year=2027)

    response = post_payment(client, body)

    assert response.status_code == 201


def test_rejected_expiry_does_not_use_up_key(
    client: TestClient, build_payment: PaymentBodyFactory, clock: FixedClock
) -> None:
    clock.now = datetime(2027, 1, 15, tzinfo=UTC)
    expired = build_payment()
    expired["card"].update(expiry_month=12, expiry_year=2026)
    renewed = build_payment()
    renewed["card"].update(expiry_month=12, expiry_year=2029)

    first = post_payment(client, expired, key="renewal")
    second = post_payment(client, renewed, key="renewal")

    assert first.status_code == 422
    assert second.status_code == 201


def test_missing_idempotency_key_is_400(
    client: TestClient, build_payment: PaymentBodyFactory, count_rows: Callable[[str], int]
) -> None:
    response = client.post("/payments", json=build_payment())

    assert response.status_code == 400
    assert response.json()["error"] == "missing_idempotency_key"
    assert "Idempotency-Key" in response.json()["message"]
    assert count_rows("charges") == 0


@pytest.mark.parametrize("key", ["", "   ", "k" * 101])
def test_invalid_idempotency_key_is_400(
    client: TestClient, build_payment: PaymentBodyFactory, key: str
) -> None:
    response = post_payment(client, build_payment(), key=key)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_idempotency_key"


def test_idempotency_key_of_100_characters_is_accepted(
    client: TestClient, build_payment: PaymentBodyFactory
) -> None:
    response = post_payment(client, build_payment(), key="k" * 100)

    assert response.status_code == 201


def test_idempotent_replay_charges_once(
    client: TestClient, build_payment: PaymentBodyFactory, count_rows: Callable[[str], int]
) -> None:
    body = build_payment()

    first = post_payment(client, body, key="order-17")
    retry = post_payment(client, body, key="order-17")

    assert first.status_code == 201
    assert retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.json()["booking_reference"] == first.json()["booking_reference"]
    assert "Idempotent-Replayed" not in first.headers
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert count_rows("charges") == 1
    assert count_rows("bookings") == 1


def test_replay_matches_number_typed_differently(
    client: TestClient, build_payment: PaymentBodyFactory, count_rows: Callable[[str], int]
) -> None:
    first = post_payment(client, build_payment("4242 4242 4242 4242"), key="order-18")
    retry = post_payment(client, build_payment("4242-4242-4242-4242"), key="order-18")

    assert retry.status_code == 201
    assert retry.json() == first.json()
    assert count_rows("charges") == 1


def test_replay_survives_card_expiry(
    client: TestClient, build_payment: PaymentBodyFactory, clock: FixedClock
) -> None:
    body = build_payment()
    body["card"].update(expiry_month=12, expiry_year=2026)

    first = post_payment(client, body, key="order-19")
    clock.now = datetime(2027, 2, 1, tzinfo=UTC)
    retry = post_payment(client, body, key="order-19")

    assert first.status_code == 201
    assert retry.status_code == 201
    assert retry.json() == first.json()


def test_reused_key_with_other_body_is_422(
    client: TestClient, build_payment: PaymentBodyFactory, count_rows: Callable[[str], int]
) -> None:
    first = post_payment(client, build_payment(amount="123.00"), key="order-20")
    other = post_payment(client, build_payment(amount="124.00"), key="order-20")

    assert first.status_code == 201
    assert other.status_code == 422
    assert other.json()["error"] == "idempotency_key_reused"
    assert "order-20" in other.json()["message"]
    assert count_rows("charges") == 1


def test_distinct_keys_charge_separately(
    client: TestClient, build_payment: PaymentBodyFactory, count_rows: Callable[[str], int]
) -> None:
    body = build_payment()

    first = post_payment(client, body, key="order-21")
    second = post_payment(client, body, key="order-22")

    assert first.json()["booking_reference"] != second.json()["booking_reference"]
    assert count_rows("charges") == 2
