"""Exception root of the payments service and the HTTP error each failure maps to.

    PaymentsError
    ├── MissingIdempotencyKeyError   400 missing_idempotency_key
    ├── InvalidIdempotencyKeyError   400 invalid_idempotency_key
    ├── IdempotencyKeyReusedError    422 idempotency_key_reused
    ├── CardExpiredError             422 invalid_request
    └── BookingNotFoundError         404 not_found

A declined card is not an error here: it is a stored 402 outcome that a retry replays.
"""

from __future__ import annotations

from typing import Any

from servicekit import ServiceError


class PaymentsError(ServiceError):
    """Root of every error the payments service raises; carries its HTTP status and body."""

    status_code = 500
    error_code = "internal_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_body(self) -> dict[str, Any]:
        """Return the JSON error body: the stable `error` code and the `message` sentence."""
        return {"error": self.error_code, "message": self.message}


class MissingIdempotencyKeyError(PaymentsError):
    """A payment request came without an `Idempotency-Key` header."""

    status_code = 400
    error_code = "missing_idempotency_key"


class InvalidIdempotencyKeyError(PaymentsError):
    """The `Idempotency-Key` header is empty or too long."""

    status_code = 400
    error_code = "invalid_idempotency_key"


class IdempotencyKeyReusedError(PaymentsError):
    """An `Idempotency-Key` already used for a request with a different body."""

    status_code = 422
    error_code = "idempotency_key_reused"


class CardExpiredError(PaymentsError):
    """The card's expiry month is before the current month.

    Reported like a field validation error, because it depends only on the request and today.
    """

    status_code = 422
    error_code = "invalid_request"

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field

    def to_body(self) -> dict[str, Any]:
        return {
            "error": self.error_code,
            "message": "The request has invalid fields; see `detail` for each field and the fix.",
            "detail": [{"field": self.field, "message": self.message, "value": None}],
        }


class BookingNotFoundError(PaymentsError):
    """No booking has the reference, or its e-mail address differs from the one given."""

    status_code = 404
    error_code = "not_found"
