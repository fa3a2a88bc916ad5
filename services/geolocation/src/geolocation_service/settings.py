"""Settings of the geolocation service, read once from `GEOLOCATION_*` environment variables."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from servicekit import ServiceSettings


class GeolocationSettings(ServiceSettings):
    """Database URL and log level; `GEOLOCATION_DATABASE_URL` takes any SQLAlchemy URL."""

    model_config = SettingsConfigDict(env_prefix="GEOLOCATION_")

    # Relative to the working directory of the process.
    database_url: str = "sqlite:///var/geolocation.db"
