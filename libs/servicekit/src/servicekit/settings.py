"""Base settings class for the services, and the one function that reads settings at start-up."""

from __future__ import annotations

from typing import Literal, TypeVar

from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from servicekit.errors import SettingsError

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


class ServiceSettings(BaseSettings):
    """Settings that every service has. Subclasses set `env_prefix`, e.g. `GEOLOCATION_`."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    log_level: LogLevel = "INFO"


SettingsT = TypeVar("SettingsT", bound=BaseSettings)


def load_settings(settings_class: type[SettingsT]) -> SettingsT:
    """Read `settings_class` from the environment, or raise `SettingsError` naming each bad key.

    The message lists every invalid variable with its value and what pydantic expected, so a
    mistyped port or URL is reported at start-up instead of on first use.
    """
    try:
        return settings_class()
    except ValidationError as error:
        prefix = str(settings_class.model_config.get("env_prefix", ""))
        problems = []
        for item in error.errors():
            name = prefix + ".".join(str(part) for part in item["loc"])
            problems.append(f"{name.upper()}={item.get('input')!r}: {item['msg']}")
        raise SettingsError(
            "invalid settings for "
            + settings_class.__name__
            + ": "
            + "; ".join(problems)
            + ". Fix the environment variables named here and start again."
        ) from error
