"""Fixtures shared by the payments tests: an app on a SQLite file in tmp_path and a fixed clock."""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from payments_service.app import create_app
from payments_service.settings import PaymentsSettings

TODAY = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)

VALID_PAYMENT: dict[str, Any] = {
    "amount": "123.00",
    "currency": "EUR",
    "card": {
        "number": "4242 4242 4242 4242",
        "expiry_month": 12,
        "expiry_year": 2030,
        "cvc": "123",
        "holder_name": "Ada Lovelace",
    },
    "booking": {
        "car_id": "airport-LIS.03",
        "location_id": "airport-LIS",
        "pick_up": "2026-12-10",
        "drop_off": "2026-12-13",
        "customer_name": "Ada Lovelace",
        "email": "ada@example.com",
        "car_description": "Volkswagen Golf (CDMR)",
    },
}


class FixedClock:
    """Clock that returns `now` until a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


PaymentBodyFactory = Callable[..., dict[str, Any]]


def _build_payment_body(
    number: str = "4242 4242 4242 4242", cvc: str = "123", **overrides: Any
) -> dict[str, Any]:
    body = copy.deepcopy(VALID_PAYMENT)
    body["card"]["number"] = number
    body["card"]["cvc"] = cvc
    body.update(overrides)
    return body


@pytest.fixture
def build_payment() -> PaymentBodyFactory:
    """Return a function that builds a valid payment body.

    It takes the card number and CVC, and top-level keys that replace the defaults.
    """
    return _build_payment_body


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    return tmp_path / "payments.db"


@pytest.fixture
def settings(database_path: Path) -> PaymentsSettings:
    return PaymentsSettings(
        database_url=f"sqlite:///{database_path}",
        fingerprint_secret="test-fingerprint-secret-0123456789",
    )


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def make_app(settings: PaymentsSettings, clock: FixedClock) -> Callable[[], FastAPI]:
    """Return a factory, so a test can build the app after it starts capturing stderr."""
    return lambda: create_app(settings, clock=clock)


@pytest.fixture
def count_rows(database_path: Path) -> Callable[[str], int]:
    """Return a function that counts the committed rows of a table in the app's database file."""

    def count(table: str) -> int:
        with closing(sqlite3.connect(database_path)) as connection:
            (row_count,) = connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        return int(row_count)

    return count


@pytest.fixture
def client(make_app: Callable[[], FastAPI]) -> Iterator[TestClient]:
    with TestClient(make_app()) as test_client:
        yield test_client
