"""Settings of the website, read once from `WEBSITE_*` environment variables in `create_app`."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pydantic_settings import SettingsConfigDict

from servicekit import ServiceSettings

DEFAULT_RESILIENCE_CONFIG = Path(str(resources.files("website").joinpath("resilience.toml")))


class WebsiteSettings(ServiceSettings):
    """Addresses of the five backend services and of Redis, and the resilience config file."""

    model_config = SettingsConfigDict(env_prefix="WEBSITE_", extra="ignore", frozen=True)

    search_url: str = "http://127.0.0.1:8001"
    translations_url: str = "http://127.0.0.1:8002"
    geolocation_url: str = "http://127.0.0.1:8003"
    ratings_url: str = "http://127.0.0.1:8004"
    payments_url: str = "http://127.0.0.1:8005"
    # An empty value turns the cache off: every bucket then behaves as a `none` bucket.
    redis_url: str = "redis://127.0.0.1:6379/0"
    resilience_config: Path = DEFAULT_RESILIENCE_CONFIG

    def base_urls(self) -> dict[str, str]:
        """Return the base URL of each dependency, keyed by the dependency name of the config."""
        return {
            "search": self.search_url,
            "translations": self.translations_url,
            "geolocation": self.geolocation_url,
            "ratings": self.ratings_url,
            "payments": self.payments_url,
        }
