"""Settings of the local stack: ports, Redis URL, data folder. Read once by the CLI."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from devstack.catalog import SERVICES


class StackSettings(BaseSettings):
    """Ports, Redis URL and data folder of `make run`, each set by `CARRENTAL_<FIELD>`."""

    model_config = SettingsConfigDict(env_prefix="CARRENTAL_", env_file=".env", extra="ignore")

    host: str = "127.0.0.1"
    redis_url: str = "redis://127.0.0.1:6379/0"
    data_dir: Path = Path("var")
    log_level: str = "INFO"
    start_timeout_seconds: float = Field(default=120.0, gt=0)

    website_port: int = Field(default=8000, ge=1, le=65535)
    search_port: int = Field(default=8001, ge=1, le=65535)
    translations_port: int = Field(default=8002, ge=1, le=65535)
    geolocation_port: int = Field(default=8003, ge=1, le=65535)
    ratings_port: int = Field(default=8004, ge=1, le=65535)
    payments_port: int = Field(default=8005, ge=1, le=65535)

    def ports(self) -> dict[str, int]:
        """Return the port of each service by name."""
        return {spec.name: int(getattr(self, f"{spec.name}_port")) for spec in SERVICES}
