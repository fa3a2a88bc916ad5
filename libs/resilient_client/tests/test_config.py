"""Configuration loading and the messages of ConfigError."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from resilient_client import ClientConfig, ConfigError, Criticality, ResilientClient, load_config

README = Path(__file__).resolve().parents[1] / "README.md"

VALID = """
[redis]
operation_timeout_seconds = 0.05

[groups.catalog]
max_concurrent_calls = 20
max_queued_calls = 40

[buckets.ratings]
dependency = "ratings"
group = "catalog"
cache = "redis"
timeout_seconds = 0.5
fresh_ttl_seconds = 60
stale_ttl_seconds = 86400
criticality = "optional"
fallback = { ratings = {}, missing = [] }
"""


def bucket(**overrides: Any) -> dict[str, Any]:
    return {
        "groups": {"catalog": {}},
        "buckets": {"ratings": {"dependency": "ratings", "group": "catalog", **overrides}},
    }


def test_load_config_reads_toml(tmp_path: Path) -> None:
    path = tmp_path / "resilience.toml"
    path.write_text(VALID)

    config = load_config(path)

    ratings = config.buckets["ratings"]
    assert ratings.cache == "redis"
    assert ratings.timeout_seconds == 0.5
    assert ratings.criticality is Criticality.OPTIONAL
    assert ratings.fallback == {"ratings": {}, "missing": []}
    assert config.groups["catalog"].max_queued_calls == 40
    assert config.redis.failure_threshold == 5


def test_readme_example_is_valid(tmp_path: Path) -> None:
    example = re.search(r"```toml\n(.*?)```", README.read_text(), re.DOTALL)
    assert example is not None
    path = tmp_path / "readme.toml"
    path.write_text(example.group(1))

    config = load_config(path)

    assert "ratings" in config.buckets


@pytest.mark.parametrize(
    ("mapping", "expected_parts"),
    [
        (
            bucket(timeout_seconds=-1),
            ["buckets.ratings.timeout_seconds", "-1", "0 < value <= 300"],
        ),
        (
            bucket(failure_threshold=0),
            ["buckets.ratings.failure_threshold", "0", "1 <= value <= 1000"],
        ),
        (
            bucket(max_probe_calls=101),
            ["buckets.ratings.max_probe_calls", "101", "1 <= value <= 100"],
        ),
        (
            {"groups": {"catalog": {"max_concurrent_calls": 0}}},
            ["groups.catalog.max_concurrent_calls", "0", "1 <= value <= 10000"],
        ),
        (
            {"redis": {"operation_timeout_seconds": 11}},
            ["redis.operation_timeout_seconds", "11", "0 < value <= 10"],
        ),
        (
            bucket(cache="memcached"),
            ["buckets.ratings.cache", "'memcached'", "'redis' or 'none'"],
        ),
        (
            bucket(fresh_ttl_seconds=120, stale_ttl_seconds=60),
            ["buckets.ratings", "stale_ttl_seconds = 60", "fresh_ttl_seconds = 120", ">="],
        ),
        (
            {"groups": {}, "buckets": {"ratings": {"dependency": "ratings", "group": "shop"}}},
            ["buckets.ratings.group", "'shop'", "[groups.shop]"],
        ),
        (
            bucket(timout_seconds=1),
            ["buckets.ratings.timout_seconds", "unknown key", "timeout_seconds"],
        ),
    ],
)
def test_config_error_names_key_value_and_range(
    mapping: dict[str, Any], expected_parts: list[str]
) -> None:
    with pytest.raises(ConfigError) as raised:
        ClientConfig.from_dict(mapping)

    message = str(raised.value)
    for part in expected_parts:
        assert part in message


def test_load_config_names_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.toml"

    with pytest.raises(ConfigError, match=re.escape("absent.toml")):
        load_config(missing)


def test_load_config_names_invalid_toml(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[buckets.ratings\n")

    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


def test_load_config_names_source_file(tmp_path: Path) -> None:
    path = tmp_path / "resilience.toml"
    path.write_text("[groups.catalog]\nmax_queued_calls = -5\n")

    with pytest.raises(ConfigError, match=re.escape("resilience.toml")):
        load_config(path)


def test_config_is_frozen() -> None:
    config = ClientConfig.from_dict(bucket())

    with pytest.raises(ValueError, match="frozen"):
        config.buckets["ratings"].timeout_seconds = 5  # type: ignore[misc]


def test_client_requires_base_url_per_dependency() -> None:
    config = ClientConfig.from_dict(bucket())

    with pytest.raises(ConfigError, match=re.escape("buckets.ratings.dependency = 'ratings'")):
        ResilientClient(config, base_urls={"payments": "http://127.0.0.1:8005"})
