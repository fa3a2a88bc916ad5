from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from payments_service.settings import DEFAULT_DATABASE_URL, PaymentsSettings
from servicekit import load_settings

if TYPE_CHECKING:
    from conftest import PaymentBodyFactory


def test_settings_default_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAYMENTS_DATABASE_URL", raising=False)
    monkeypatch.delenv("PAYMENTS_FINGERPRINT_SECRET", raising=False)

    settings = load_settings(PaymentsSettings)

    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite:///var/payments.db"
    assert settings.uses_development_fingerprint_secret


def test_settings_read_payments_prefix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PAYMENTS_DATABASE_URL", f"sqlite:///{tmp_path}/other.db")
    monkeypatch.setenv("PAYMENTS_FINGERPRINT_SECRET", "a-deployment-secret")

    settings = load_settings(PaymentsSettings)

    assert settings.database_url == f"sqlite:///{tmp_path}/other.db"
    assert settings.fingerprint_secret.get_secret_value() == "a-deployment-secret"
    assert not settings.uses_development_fingerprint_secret
    assert "a-deployment-secret" not in repr(settings)


def test_healthz_names_service(client: TestClient) -> None:
    response = client.get("/healthz")

    assert response.json() == {"status": "ok", "service": "payments"}


def test_restart_keeps_bookings(
    make_app: Callable[[], FastAPI], build_payment: PaymentBodyFactory
) -> None:
    with TestClient(make_app()) as client:
        first = client.post(
            "/payments", json=build_payment(), headers={"Idempotency-Key": "restart"}
        )

    with TestClient(make_app()) as client:
        reference = first.json()["booking_reference"]
        lookup = client.get(f"/bookings/{reference}", params={"email": "ada@example.com"})
        retry = client.post(
            "/payments", json=build_payment(), headers={"Idempotency-Key": "restart"}
        )

    assert lookup.status_code == 200
    assert retry.json() == first.json()
