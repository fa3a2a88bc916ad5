"""Settings of the search service, read once from `SEARCH_*` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import SettingsConfigDict

from servicekit import ServiceSettings

DEFAULT_DATABASE_URL = "sqlite:///var/search.db"
DEFAULT_TRANSLATIONS_URL = "http://127.0.0.1:8002"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
DEFAULT_RESILIENCE_CONFIG_PATH = Path(__file__).parent / "resilience.toml"


class SearchSettings(ServiceSettings):
    """Database, translations service, Redis cache and the resilient client's config file.

    An empty `SEARCH_REDIS_URL` turns the descriptions cache off, so every call goes to the
    translations service and no stale copy exists when it is down.
    """

    model_config = SettingsConfigDict(env_prefix="SEARCH_", extra="ignore", frozen=True)

    database_url: str = DEFAULT_DATABASE_URL
    translations_url: str = DEFAULT_TRANSLATIONS_URL
    redis_url: str = DEFAULT_REDIS_URL
    resilience_config_path: Path = DEFAULT_RESILIENCE_CONFIG_PATH
