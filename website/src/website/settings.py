"""Settings of the website, read once from `WEBSITE_*` environment variables in `create_app`."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from servicekit import ServiceSettings, SettingsError

DEFAULT_RESILIENCE_CONFIG = Path(str(resources.files("website").joinpath("resilience.toml")))

# For development and tests only: anyone who reads this source can sign booking cookies with it.
DEVELOPMENT_SESSION_SECRET = "development-only-session-secret-never-deploy-it"
MIN_SESSION_SECRET_LENGTH = 32
DEFAULT_SESSION_MAX_AGE_SECONDS = 15 * 60


class WebsiteSettings(ServiceSettings):
    """Backend and Redis addresses, the resilience config file and the booking cookie."""

    model_config = SettingsConfigDict(env_prefix="WEBSITE_", extra="ignore", frozen=True)

    search_url: str = "http://127.0.0.1:8001"
    translations_url: str = "http://127.0.0.1:8002"
    geolocation_url: str = "http://127.0.0.1:8003"
    ratings_url: str = "http://127.0.0.1:8004"
    payments_url: str = "http://127.0.0.1:8005"
    # An empty value turns the cache off: every bucket then behaves as a `none` bucket.
    redis_url: str = "redis://127.0.0.1:6379/0"
    resilience_config: Path = DEFAULT_RESILIENCE_CONFIG
    # Key of the HMAC-SHA256 signature on the booking cookie. Every replica needs the same value.
    session_secret: SecretStr = SecretStr(DEVELOPMENT_SESSION_SECRET)
    # How long the booking cookie shows a booking without asking for the e-mail address again.
    session_max_age_seconds: int = Field(default=DEFAULT_SESSION_MAX_AGE_SECONDS, ge=60, le=86400)
    # Send the booking cookie over HTTPS only. Turn it on wherever the site is served over HTTPS.
    session_cookie_secure: bool = False

    @property
    def uses_development_session_secret(self) -> bool:
        return self.session_secret.get_secret_value() == DEVELOPMENT_SESSION_SECRET

    def session_secret_bytes(self) -> bytes:
        """Return the session secret as UTF-8 bytes.

        Raises `SettingsError` when it is shorter than 32 characters. The message never contains
        the value, because start-up errors are logged.
        """
        secret = self.session_secret.get_secret_value()
        if len(secret) < MIN_SESSION_SECRET_LENGTH:
            raise SettingsError(
                f"WEBSITE_SESSION_SECRET is {len(secret)} characters long, but at least "
                f"{MIN_SESSION_SECRET_LENGTH} are needed. Set it to a random value, for example "
                "the output of `python -c 'import secrets; print(secrets.token_urlsafe(32))'`."
            )
        return secret.encode("utf-8")

    def base_urls(self) -> dict[str, str]:
        """Return the base URL of each dependency, keyed by the dependency name of the config."""
        return {
            "search": self.search_url,
            "translations": self.translations_url,
            "geolocation": self.geolocation_url,
            "ratings": self.ratings_url,
            "payments": self.payments_url,
        }
