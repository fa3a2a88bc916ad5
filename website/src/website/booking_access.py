"""The signed booking cookie, which shows a booking without putting the e-mail in the URL.

A successful payment or lookup shows that the browser has the e-mail address of a booking. The
website then sets the cookie `booking_access` with the path `/bookings/{reference}`, so a browser
can hold one cookie per booking. Its value is `<payload>.<signature>`:

- payload: base64url (no padding) of the JSON `{"reference", "email", "expires_at"}`, with
  `expires_at` in Unix seconds. It contains nothing else: no card data, no idempotency key.
- signature: base64url of HMAC-SHA256 over `booking_access.` followed by the payload, keyed with
  `WEBSITE_SESSION_SECRET`. The prefix keeps a signature from being valid for another purpose
  that might reuse the secret.

The payload is signed, not encrypted: whoever holds the cookie can read the e-mail address in
it. The cookie is HttpOnly and SameSite=Lax, so page scripts cannot read it and other sites'
forms do not send it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass, field

from starlette.responses import Response

from resilient_client import Clock

COOKIE_NAME = "booking_access"
# Cookies that `issue` returns stay far below this length, so a longer value is rejected unread.
MAX_COOKIE_LENGTH = 4096
_SIGNATURE_CONTEXT = b"booking_access."


@dataclass(frozen=True)
class BookingAccess:
    """Access granted by a valid cookie: the booking reference and the e-mail address it proves."""

    reference: str
    email: str = field(repr=False)
    expires_at: int


class BookingAccessCookie:
    """Issue, check and set booking cookies signed with one secret, valid for `max_age_seconds`.

    `secure` adds the Secure attribute, so browsers send the cookie over HTTPS only.
    """

    def __init__(
        self, secret: bytes, max_age_seconds: int, clock: Clock, *, secure: bool = False
    ) -> None:
        self._secret = secret
        self.max_age_seconds = max_age_seconds
        self._clock = clock
        self._secure = secure

    def issue(self, reference: str, email: str) -> str:
        """Return a cookie value for `reference` and `email` that expires in `max_age_seconds`."""
        expires_at = int(self._clock.time()) + self.max_age_seconds
        document = {"reference": reference, "email": email, "expires_at": expires_at}
        payload = _encode(json.dumps(document, separators=(",", ":")).encode("utf-8"))
        return f"{payload}.{_encode(self._sign(payload))}"

    def verify(self, value: str | None, reference: str) -> BookingAccess | None:
        """Return the access that `value` grants to `reference`, or None.

        None means no cookie, a value that is malformed or too long, a wrong signature, an
        expired cookie, or a cookie for another booking. None of these is an error, because the
        page then shows the lookup form again.
        """
        if not value or len(value) > MAX_COOKIE_LENGTH or not value.isascii():
            return None
        payload, separator, signature_text = value.partition(".")
        signature = _decode(signature_text)
        if not separator or signature is None:
            return None
        if not hmac.compare_digest(signature, self._sign(payload)):
            return None

        access = _parse_payload(payload)
        if access is None or access.reference != reference:
            return None
        if access.expires_at <= self._clock.time():
            return None
        return access

    def set(self, response: Response, reference: str, email: str) -> None:
        """Add a `Set-Cookie` header to `response` that lets this browser see `reference`."""
        response.set_cookie(
            COOKIE_NAME,
            self.issue(reference, email),
            max_age=self.max_age_seconds,
            path=f"/bookings/{reference}",
            secure=self._secure,
            httponly=True,
            samesite="lax",
        )

    def _sign(self, payload: str) -> bytes:
        return hmac.new(
            self._secret, _SIGNATURE_CONTEXT + payload.encode("ascii"), hashlib.sha256
        ).digest()


def _parse_payload(payload: str) -> BookingAccess | None:
    raw = _decode(payload)
    if raw is None:
        return None
    try:
        document = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    reference = document.get("reference")
    email = document.get("email")
    expires_at = document.get("expires_at")
    if not isinstance(reference, str) or not isinstance(email, str):
        return None
    if not isinstance(expires_at, int) or isinstance(expires_at, bool):
        return None
    return BookingAccess(reference, email, expires_at)


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _decode(text: str) -> bytes | None:
    """Decode unpadded base64url, or return None for text that is not base64url."""
    if not text.isascii():
        return None
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
