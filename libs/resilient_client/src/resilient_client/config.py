"""Configuration of one caller: Redis, HTTP connection limits, pools (command groups) and buckets.

Loaded from TOML with `load_config(path)` or built from a mapping with `ClientConfig.from_dict`.
Every model is frozen and rejects unknown keys. A ConfigError message names each invalid key, its
value and the allowed range.
"""

from __future__ import annotations

import enum
import tomllib
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import annotated_types
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic.fields import FieldInfo

from resilient_client.errors import ConfigError

DEFAULT_REDIS_OPERATION_TIMEOUT_SECONDS = 0.05
DEFAULT_REDIS_FAILURE_THRESHOLD = 5
DEFAULT_REDIS_RESET_TIMEOUT_SECONDS = 5.0

# httpx's own default pool size is 100 connections; 5 seconds is how long httpx keeps an idle
# connection open.
DEFAULT_MAX_CONNECTIONS = 100
DEFAULT_KEEPALIVE_EXPIRY_SECONDS = 5.0

DEFAULT_MAX_CONCURRENT_CALLS = 10
DEFAULT_MAX_QUEUED_CALLS = 10

DEFAULT_TIMEOUT_SECONDS = 1.0
DEFAULT_FAILURE_THRESHOLD = 5
DEFAULT_RESET_TIMEOUT_SECONDS = 10.0
DEFAULT_MAX_PROBE_CALLS = 1
DEFAULT_FRESH_TTL_SECONDS = 60.0
DEFAULT_STALE_TTL_SECONDS = 86_400.0

MAX_TTL_SECONDS = 31_536_000.0  # one year

# Bucket and group names become Redis keys and Prometheus label values, so they stay plain.
Name = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")]


class Criticality(enum.StrEnum):
    """How much a page needs a bucket's data; callers shed optional work first under overload."""

    CRITICAL = "critical"
    NORMAL = "normal"
    OPTIONAL = "optional"


class _FrozenModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RedisConfig(_FrozenModel):
    """Deadline and breaker of the Redis cache, which is itself a dependency."""

    operation_timeout_seconds: Annotated[float, Field(gt=0, le=10)] = (
        DEFAULT_REDIS_OPERATION_TIMEOUT_SECONDS
    )
    failure_threshold: Annotated[int, Field(ge=1, le=1000)] = DEFAULT_REDIS_FAILURE_THRESHOLD
    reset_timeout_seconds: Annotated[float, Field(gt=0, le=3600)] = (
        DEFAULT_REDIS_RESET_TIMEOUT_SECONDS
    )


class HttpConfig(_FrozenModel):
    """Connection pool of the shared HTTP transport."""

    max_connections: Annotated[int, Field(ge=1, le=10_000)] = DEFAULT_MAX_CONNECTIONS
    keepalive_expiry_seconds: Annotated[float, Field(gt=0, le=3600)] = (
        DEFAULT_KEEPALIVE_EXPIRY_SECONDS
    )


class GroupConfig(_FrozenModel):
    """Pool (bulkhead) shared by the buckets of one command group."""

    max_concurrent_calls: Annotated[int, Field(ge=1, le=10_000)] = DEFAULT_MAX_CONCURRENT_CALLS
    max_queued_calls: Annotated[int, Field(ge=0, le=100_000)] = DEFAULT_MAX_QUEUED_CALLS


class BucketConfig(_FrozenModel):
    """Policy of one cache bucket, which is also one command key."""

    dependency: Name
    group: Name
    cache: Literal["redis", "none"] = "none"
    breaker_enabled: bool = True
    timeout_seconds: Annotated[float, Field(gt=0, le=300)] = DEFAULT_TIMEOUT_SECONDS
    failure_threshold: Annotated[int, Field(ge=1, le=1000)] = DEFAULT_FAILURE_THRESHOLD
    reset_timeout_seconds: Annotated[float, Field(gt=0, le=3600)] = DEFAULT_RESET_TIMEOUT_SECONDS
    max_probe_calls: Annotated[int, Field(ge=1, le=100)] = DEFAULT_MAX_PROBE_CALLS
    fresh_ttl_seconds: Annotated[float, Field(ge=0, le=MAX_TTL_SECONDS)] = DEFAULT_FRESH_TTL_SECONDS
    stale_ttl_seconds: Annotated[float, Field(gt=0, le=MAX_TTL_SECONDS)] = DEFAULT_STALE_TTL_SECONDS
    criticality: Criticality = Criticality.NORMAL
    fallback: JsonValue | None = None

    @model_validator(mode="after")
    def _check_stale_covers_fresh(self) -> BucketConfig:
        if self.stale_ttl_seconds < self.fresh_ttl_seconds:
            raise ValueError(
                f"stale_ttl_seconds = {self.stale_ttl_seconds} is shorter than fresh_ttl_seconds = "
                f"{self.fresh_ttl_seconds}: set stale_ttl_seconds >= fresh_ttl_seconds"
            )
        return self


class ClientConfig(_FrozenModel):
    """Whole configuration of one ResilientClient."""

    redis: RedisConfig = RedisConfig()
    http: HttpConfig = HttpConfig()
    groups: dict[Name, GroupConfig] = Field(default_factory=dict)
    buckets: dict[Name, BucketConfig] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check_groups_exist(self) -> ClientConfig:
        for bucket_name, bucket in self.buckets.items():
            if bucket.group not in self.groups:
                known = ", ".join(sorted(self.groups)) or "none defined"
                raise ValueError(
                    f"buckets.{bucket_name}.group = {bucket.group!r} names no group: add "
                    f"[groups.{bucket.group}] or use one of: {known}"
                )
        return self

    @classmethod
    def from_dict(cls, mapping: Mapping[str, Any], source: str = "<mapping>") -> ClientConfig:
        """Validate `mapping` (the parsed TOML layout) and raise ConfigError if it is invalid.

        `source` names where the mapping came from in the error message.
        """
        try:
            return cls.model_validate(mapping)
        except ValidationError as error:
            raise ConfigError(_format_validation_error(error, source)) from error


def load_config(path: str | Path) -> ClientConfig:
    """Read and validate a TOML file; raise ConfigError if it is missing or invalid."""
    config_path = Path(path)
    try:
        with config_path.open("rb") as file:
            mapping = tomllib.load(file)
    except FileNotFoundError as error:
        raise ConfigError(
            f"Configuration file {str(config_path)!r} not found: pass the path of an existing file."
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"Configuration file {str(config_path)!r} is not valid TOML: {error}"
        ) from (error)
    return ClientConfig.from_dict(mapping, source=str(config_path))


def _format_validation_error(error: ValidationError, source: str) -> str:
    lines = [f"Invalid resilient-client configuration in {source}:"]
    for detail in error.errors(include_url=False):
        location = tuple(detail["loc"])
        key = ".".join(str(part) for part in location)
        if detail["type"] == "value_error":
            # Our own model validators already name the key, value and fix.
            message = str(detail["ctx"]["error"]) if "ctx" in detail else detail["msg"]
            lines.append(f"  {key}: {message}" if key else f"  {message}")
            continue

        line = f"  {key or '<root>'} = {detail['input']!r}: {detail['msg']}"
        if detail["type"] == "extra_forbidden":
            allowed = _allowed_keys(location[:-1])
            line = f"  {key}: unknown key; allowed keys here: {', '.join(allowed)}"
        else:
            allowed_range = _allowed_range(location)
            if allowed_range:
                line = f"{line} (allowed range: {allowed_range})"
        lines.append(line)
    return "\n".join(lines)


def _walk(location: tuple[str | int, ...]) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """Follow `location` from ClientConfig; return the model reached and the last field passed."""
    model: type[BaseModel] | None = ClientConfig
    field_info: FieldInfo | None = None
    index = 0
    while index < len(location):
        if model is None:
            return None, None
        field_info = model.model_fields.get(str(location[index]))
        if field_info is None:
            return None, None
        index += 1
        annotation: Any = field_info.annotation
        if typing.get_origin(annotation) is dict:
            # The next step is a mapping key (a bucket or group name), and its value is a model.
            index += 1
            annotation = typing.get_args(annotation)[1]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        else:
            model = None
    return model, field_info


def _allowed_keys(location: tuple[str | int, ...]) -> list[str]:
    model, _ = _walk(location)
    return list(model.model_fields) if model is not None else []


def _allowed_range(location: tuple[str | int, ...]) -> str:
    _, field_info = _walk(location)
    if field_info is None:
        return ""
    lower = upper = ""
    for constraint in field_info.metadata:
        if isinstance(constraint, annotated_types.Gt):
            lower = f"{constraint.gt} < "
        elif isinstance(constraint, annotated_types.Ge):
            lower = f"{constraint.ge} <= "
        elif isinstance(constraint, annotated_types.Lt):
            upper = f" < {constraint.lt}"
        elif isinstance(constraint, annotated_types.Le):
            upper = f" <= {constraint.le}"
    if not lower and not upper:
        return ""
    return f"{lower}value{upper}"
