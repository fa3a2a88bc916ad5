from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi.testclient import TestClient

if TYPE_CHECKING:
    from conftest import PaymentBodyFactory


def confirm_booking(client: TestClient, build_payment: PaymentBodyFactory) -> dict[str, object]:
    response = client.post(
        "/payments", json=build_payment(), headers={"Idempotency-Key": "booking-test"}
    )
    assert response.status_code == 201
    confirmation: dict[str, object] = response.json()
    return confirmation


def test_lookup_returns_confirmation(
    client: TestClient, build_payment: PaymentBodyFactory
) -> None:
    confirmation = confirm_booking(client, build_payment)
    reference = confirmation["booking_reference"]

    response = client.get(f"/bookings/{reference}", params={"email": "ada@example.com"})

    assert response.status_code == 200
    assert response.json() == confirmation


def test_lookup_ignores_email_case(client: TestClient, build_payment: PaymentBodyFactory) -> None:
    confirmation = confirm_booking(client, build_payment)
    reference = confirmation["booking_reference"]

    response = client.get(f"/bookings/{reference}", params={"email": "ADA@Example.COM"})

    assert response.status_code == 200
    assert response.json()["booking_reference"] == reference


def test_lookup_ignores_reference_case(
    client: TestClient, build_payment: PaymentBodyFactory
) -> None:
    confirmation = confirm_booking(client, build_payment)
    reference = str(confirmation["booking_reference"])

    response = client.get(f"/bookings/{reference.lower()}", params={"email": "ada@example.com"})

    assert response.status_code == 200
    assert response.json()["booking_reference"] == reference


def test_lookup_with_wrong_email_is_404(
    client: TestClient, build_payment: PaymentBodyFactory
) -> None:
    confirmation = confirm_booking(client, build_payment)
    reference = confirmation["booking_reference"]

    response = client.get(f"/bookings/{reference}", params={"email": "eve@example.com"})

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert "ada@example.com" not in response.text
    assert "Ada Lovelace" not in response.text


def test_wrong_email_and_unknown_reference_look_alike(
    client: TestClient, build_payment: PaymentBodyFactory
) -> None:
    confirmation = confirm_booking(client, build_payment)
    reference = str(confirmation["booking_reference"])
    # A reference that cannot exist: it contains the excluded letter O.
    unknown_reference = reference[:-1] + "O"

    wrong_email = client.get(f"/bookings/{reference}", params={"email": "eve@example.com"})
    unknown = client.get(f"/bookings/{unknown_reference}", params={"email": "ada@example.com"})

    assert wrong_email.status_code == unknown.status_code == 404
    assert wrong_email.json()["message"].replace(reference, "X") == unknown.json()[
        "message"
    ].replace(unknown_reference, "X")


def test_lookup_without_email_is_422(client: TestClient) -> None:
    response = client.get("/bookings/RC-7KQ2M9XA")

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "email"


def test_declined_payment_has_no_booking(
    client: TestClient, build_payment: PaymentBodyFactory
) -> None:
    response = client.post(
        "/payments",
        json=build_payment("4000 0000 0000 0002"),
        headers={"Idempotency-Key": "declined"},
    )

    assert response.status_code == 402
    assert "booking_reference" not in response.json()
