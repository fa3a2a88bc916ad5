"""Settings of the ratings service, read once from `RATINGS_*` environment variables."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from servicekit import ServiceSettings


class RatingsSettings(ServiceSettings):
    """Database URL and log level; `RATINGS_DATABASE_URL` takes any SQLAlchemy URL."""

    model_config = SettingsConfigDict(env_prefix="RATINGS_")

    # Relative to the working directory of the process.
    database_url: str = "sqlite:///var/ratings.db"
