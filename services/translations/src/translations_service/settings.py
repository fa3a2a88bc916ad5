"""Settings of the translations service, read once from `TRANSLATIONS_*` environment variables."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from servicekit import ServiceSettings

DEFAULT_DATABASE_URL = "sqlite:///var/translations.db"


class TranslationsSettings(ServiceSettings):
    """Database URL and log level. A relative SQLite path starts at the working directory."""

    model_config = SettingsConfigDict(env_prefix="TRANSLATIONS_", extra="ignore", frozen=True)

    database_url: str = DEFAULT_DATABASE_URL
