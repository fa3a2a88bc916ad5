"""The card number and CVC never reach the database file, the log output or a response."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from payments_service.idempotency import compute_request_fingerprint
from payments_service.schemas import PaymentRequest

if TYPE_CHECKING:
    from conftest import PaymentBodyFactory

CARD_NUMBERS = ("4242424242424242", "4000000000009995", "378282246310005")
# A CVC unlikely to occur by chance in a SQLite page, unlike a short one such as "123".
AMEX_CVC = "7391"


def submit_payments(client: TestClient, build_payment: PaymentBodyFactory) -> None:
    """Send one success, one decline, one amex success, one Luhn failure and one replay."""
    requests = [
        ("privacy-1", build_payment("4242 4242 4242 4242")),
        ("privacy-2", build_payment("4000-0000-0000-9995")),
        ("privacy-3", build_payment("378282246310005", cvc=AMEX_CVC)),
        ("privacy-4", build_payment("4242424242424241")),
        ("privacy-1", build_payment("4242 4242 4242 4242")),
    ]
    for key, body in requests:
        response = client.post("/payments", json=body, headers={"Idempotency-Key": key})
        assert response.status_code in (201, 402, 422)
        for number in CARD_NUMBERS:
            assert number not in response.text


def test_card_number_absent_from_log_output(
    capsys: pytest.CaptureFixture[str],
    make_app: Callable[[], FastAPI],
    build_payment: PaymentBodyFactory,
) -> None:
    # The app is built here, after capsys replaced stderr, so its JSON log handler writes to it.
    with TestClient(make_app()) as client:
        submit_payments(client, build_payment)

    log_output = capsys.readouterr().err
    events = [json.loads(line)["event"] for line in log_output.splitlines() if line.startswith("{")]
    assert "payment.charged" in events
    assert "payment.declined" in events
    for number in CARD_NUMBERS:
        assert number not in log_output
    assert "4242 4242 4242 4242" not in log_output
    assert "4000-0000-0000-9995" not in log_output
    assert AMEX_CVC not in log_output


def test_charged_log_has_only_reference_brand_last4(
    capsys: pytest.CaptureFixture[str],
    make_app: Callable[[], FastAPI],
    build_payment: PaymentBodyFactory,
) -> None:
    with TestClient(make_app()) as client:
        response = client.post(
            "/payments", json=build_payment(), headers={"Idempotency-Key": "log-fields"}
        )

    charged = [
        json.loads(line)
        for line in capsys.readouterr().err.splitlines()
        if line.startswith("{") and json.loads(line)["event"] == "payment.charged"
    ]
    assert len(charged) == 1
    log_fields = set(charged[0]) - {"time", "level", "service", "logger", "event"}
    assert log_fields == {"booking_reference", "brand", "last4"}
    assert charged[0]["booking_reference"] == response.json()["booking_reference"]
    assert charged[0]["brand"] == "visa"
    assert charged[0]["last4"] == "4242"


def test_card_number_absent_from_database_file(
    client: TestClient, build_payment: PaymentBodyFactory, database_path: Path
) -> None:
    submit_payments(client, build_payment)
    client.close()

    # SQLite in WAL mode keeps recent pages in the -wal file, so read every file of the database.
    database_files = list(database_path.parent.glob(database_path.name + "*"))
    assert database_path in database_files
    for path in database_files:
        data = path.read_bytes()
        for number in CARD_NUMBERS:
            assert number.encode() not in data, path.name
        assert AMEX_CVC.encode() not in data, path.name


def test_stored_fingerprint_is_keyed_hmac(
    client: TestClient, build_payment: PaymentBodyFactory, database_path: Path
) -> None:
    body = build_payment()
    client.post("/payments", json=body, headers={"Idempotency-Key": "fingerprint"})

    with closing(sqlite3.connect(database_path)) as connection:
        (stored,) = connection.execute(
            "SELECT request_fingerprint FROM idempotency_records WHERE key = 'fingerprint'"
        ).fetchone()

    payment = PaymentRequest.model_validate(body)
    canonical = json.dumps(
        payment.model_dump(mode="json"), sort_keys=True, separators=(",", ":")
    ).encode()
    expected = hmac.new(b"test-fingerprint-secret-0123456789", canonical, hashlib.sha256)
    assert stored == expected.hexdigest()
    assert stored != hashlib.sha256(canonical).hexdigest()
    assert stored != hashlib.sha256(b"4242424242424242").hexdigest()


def test_fingerprint_depends_on_secret(build_payment: PaymentBodyFactory) -> None:
    payment = PaymentRequest.model_validate(build_payment())

    first = compute_request_fingerprint(b"secret-one", payment)
    second = compute_request_fingerprint(b"secret-two", payment)

    assert first != second
    assert len(first) == 64
