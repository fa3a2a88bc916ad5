"""Settings of the payments service, read once at start-up from `PAYMENTS_*` variables."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from servicekit import ServiceSettings

DEFAULT_DATABASE_URL = "sqlite:///var/payments.db"

# For development and tests only: anyone who reads this source can recompute request
# fingerprints made with it. Set PAYMENTS_FINGERPRINT_SECRET in every shared deployment.
DEVELOPMENT_FINGERPRINT_SECRET = "payments-development-fingerprint-secret-do-not-deploy"


class PaymentsSettings(ServiceSettings):
    """Settings of the payments service; each field is read from `PAYMENTS_<FIELD>`."""

    model_config = SettingsConfigDict(env_prefix="PAYMENTS_")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL of the database that stores charges, bookings and "
        "idempotency records; a relative SQLite path is relative to the working directory.",
    )
    fingerprint_secret: SecretStr = Field(
        default=SecretStr(DEVELOPMENT_FINGERPRINT_SECRET),
        description="HMAC-SHA256 key for the stored fingerprint of each idempotent request. "
        "The default is for development only. Changing it makes every stored key report "
        "`idempotency_key_reused` on retry, because old fingerprints no longer match.",
    )

    @property
    def uses_development_fingerprint_secret(self) -> bool:
        """Whether `fingerprint_secret` is still the published development default."""
        return self.fingerprint_secret.get_secret_value() == DEVELOPMENT_FINGERPRINT_SECRET
