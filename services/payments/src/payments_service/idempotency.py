"""Idempotency-Key checks and the keyed request fingerprint that identifies a retry."""

from __future__ import annotations

import hashlib
import hmac
import json

from payments_service.errors import InvalidIdempotencyKeyError, MissingIdempotencyKeyError
from payments_service.schemas import PaymentRequest

MAX_IDEMPOTENCY_KEY_LENGTH = 100


def validate_idempotency_key(header_value: str | None) -> str:
    """Return the `Idempotency-Key` header value, or raise if it is missing, blank or too long."""
    if header_value is None:
        raise MissingIdempotencyKeyError(
            "The Idempotency-Key header is missing. Send a unique value of 1 to "
            f"{MAX_IDEMPOTENCY_KEY_LENGTH} characters, such as a UUID, and reuse it only to retry "
            "the same payment."
        )
    if not header_value.strip():
        raise InvalidIdempotencyKeyError(
            "The Idempotency-Key header is blank. Send a unique value of 1 to "
            f"{MAX_IDEMPOTENCY_KEY_LENGTH} characters, such as a UUID."
        )
    if len(header_value) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise InvalidIdempotencyKeyError(
            f"The Idempotency-Key header has {len(header_value)} characters; the limit is "
            f"{MAX_IDEMPOTENCY_KEY_LENGTH}. Send a shorter unique value, such as a UUID."
        )
    return header_value


def compute_request_fingerprint(secret: bytes, payment: PaymentRequest) -> str:
    """Return the HMAC-SHA256 hex digest of the validated request body under `secret`.

    The body is hashed after validation, so a number typed with spaces and the same number
    without them give one fingerprint. A keyed hash rather than a plain one, because the body
    contains the card number: a 16-digit number with a known prefix is brute-forceable from a
    plain SHA-256 digest, but not without the secret.
    """
    canonical_json = json.dumps(
        payment.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=True
    )
    return hmac.new(secret, canonical_json.encode("ascii"), hashlib.sha256).hexdigest()
