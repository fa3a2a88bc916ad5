"""The signed booking cookie and its settings, without any backend."""

from __future__ import annotations

import base64
import json

import pytest
from starlette.responses import Response

from resilient_client import ManualClock
from servicekit import SettingsError
from website.booking_access import COOKIE_NAME, BookingAccessCookie
from website.settings import DEVELOPMENT_SESSION_SECRET, WebsiteSettings

SECRET = b"test-secret-of-at-least-thirty-two-bytes"
REFERENCE = "RC-7KQ2M9XA"
EMAIL = "ada@example.com"
MAX_AGE_SECONDS = 900


def make_cookie(clock: ManualClock, secret: bytes = SECRET) -> BookingAccessCookie:
    return BookingAccessCookie(secret, MAX_AGE_SECONDS, clock)


def decoded_payload(value: str) -> dict[str, object]:
    payload = value.split(".")[0]
    document: dict[str, object] = json.loads(base64.urlsafe_b64decode(payload + "==="))
    return document


def test_issued_cookie_verifies() -> None:
    cookie = make_cookie(ManualClock())

    access = cookie.verify(cookie.issue(REFERENCE, EMAIL), REFERENCE)

    assert access is not None
    assert access.reference == REFERENCE
    assert access.email == EMAIL


def test_payload_contains_only_reference_email_expiry() -> None:
    clock = ManualClock()
    cookie = make_cookie(clock)

    payload = decoded_payload(cookie.issue(REFERENCE, EMAIL))

    assert payload == {
        "reference": REFERENCE,
        "email": EMAIL,
        "expires_at": int(clock.time()) + MAX_AGE_SECONDS,
    }


def test_cookie_for_other_reference_is_rejected() -> None:
    cookie = make_cookie(ManualClock())

    assert cookie.verify(cookie.issue(REFERENCE, EMAIL), "RC-OTHER123") is None


def test_cookie_expires_after_max_age() -> None:
    clock = ManualClock()
    cookie = make_cookie(clock)
    value = cookie.issue(REFERENCE, EMAIL)

    clock.advance(MAX_AGE_SECONDS - 1)
    still_valid = cookie.verify(value, REFERENCE)
    clock.advance(1)
    expired = cookie.verify(value, REFERENCE)

    assert still_valid is not None
    assert expired is None


def test_cookie_from_other_secret_is_rejected() -> None:
    clock = ManualClock()
    forged = make_cookie(clock, b"another-secret-of-at-least-32-bytes!").issue(REFERENCE, EMAIL)

    assert make_cookie(clock).verify(forged, REFERENCE) is None


def test_changed_payload_is_rejected() -> None:
    cookie = make_cookie(ManualClock())
    _, signature = cookie.issue(REFERENCE, EMAIL).split(".")
    document = {"reference": REFERENCE, "email": "eve@example.com", "expires_at": 2**40}
    payload = base64.urlsafe_b64encode(json.dumps(document).encode()).rstrip(b"=").decode()

    assert cookie.verify(f"{payload}.{signature}", REFERENCE) is None


def test_changed_signature_is_rejected() -> None:
    cookie = make_cookie(ManualClock())
    payload, signature = cookie.issue(REFERENCE, EMAIL).split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]

    assert cookie.verify(f"{payload}.{flipped}", REFERENCE) is None


@pytest.mark.parametrize(
    "value",
    [None, "", "no-dot", ".", "abc.", ".abc", "a.b.c", "é.é", "!!!.???", "x" * 5000],
)
def test_malformed_cookie_is_rejected(value: str | None) -> None:
    assert make_cookie(ManualClock()).verify(value, REFERENCE) is None


def test_set_adds_scoped_httponly_cookie() -> None:
    response = Response()

    make_cookie(ManualClock()).set(response, REFERENCE, EMAIL)

    header = response.headers["set-cookie"]
    assert header.startswith(f"{COOKIE_NAME}=")
    assert f"Path=/bookings/{REFERENCE}" in header
    assert "HttpOnly" in header
    assert "SameSite=lax" in header
    assert f"Max-Age={MAX_AGE_SECONDS}" in header
    assert "Secure" not in header


def test_secure_setting_adds_secure() -> None:
    response = Response()
    cookie = BookingAccessCookie(SECRET, MAX_AGE_SECONDS, ManualClock(), secure=True)

    cookie.set(response, REFERENCE, EMAIL)

    assert "Secure" in response.headers["set-cookie"]


def test_email_is_hidden_from_repr() -> None:
    cookie = make_cookie(ManualClock())

    access = cookie.verify(cookie.issue(REFERENCE, EMAIL), REFERENCE)

    assert EMAIL not in repr(access)


def test_short_session_secret_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBSITE_SESSION_SECRET", "too-short-secret")
    settings = WebsiteSettings()

    with pytest.raises(SettingsError) as raised:
        settings.session_secret_bytes()

    assert "WEBSITE_SESSION_SECRET is 16 characters long" in str(raised.value)
    assert "too-short-secret" not in str(raised.value)


def test_development_secret_is_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEBSITE_SESSION_SECRET", raising=False)

    settings = WebsiteSettings()

    assert settings.uses_development_session_secret
    assert settings.session_secret_bytes() == DEVELOPMENT_SESSION_SECRET.encode()
    assert DEVELOPMENT_SESSION_SECRET not in repr(settings)
