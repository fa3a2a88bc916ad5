"""Car descriptions: live from a real translations service, cached in Redis, stale, or fallback."""

from __future__ import annotations

import ast
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from resilient_client import ManualClock, ResilientClient, load_config
from search_service.catalog import FALLBACK_DESCRIPTIONS_FILE, load_catalog
from search_service.descriptions import FALLBACK_LOG_INTERVAL_SECONDS, DescriptionsProvider
from search_service.settings import DEFAULT_RESILIENCE_CONFIG_PATH

SERVICES_DIRECTORY = Path(__file__).resolve().parents[2]
# The translations service's data files, read as files: search never imports that package.
TRANSLATIONS_DESCRIPTIONS = (
    SERVICES_DIRECTORY / "translations/src/translations_service/data/descriptions"
)
SEARCH_SOURCE = SERVICES_DIRECTORY / "search/src/search_service"
PARAMS = {
    "location_id": "airport-MUC",
    "country_code": "DE",
    "pick_up": "2026-12-10",
    "drop_off": "2026-12-13",
}
# Longer than the descriptions bucket's fresh_ttl_seconds in resilience.toml.
PAST_FRESH_TTL_SECONDS = 301.0


def read_descriptions(language: str) -> dict[str, str]:
    path = TRANSLATIONS_DESCRIPTIONS / f"{language}.json"
    content: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return content


def test_german_descriptions_from_live_translations(
    tmp_path: Path, translations_url: str, make_search_client: Callable[..., Any]
) -> None:
    german = read_descriptions("de")

    with make_search_client(tmp_path / "search.db", translations_url=translations_url) as client:
        response = client.get("/cars", params={**PARAMS, "language": "de"})

    assert response.status_code == 200
    assert response.json()["descriptions"] == {
        "source": "live",
        "age_seconds": None,
        "language": "de",
    }
    for car in response.json()["cars"]:
        assert car["description"] == german[car["model_key"]], car["model_key"]


def test_english_fallback_when_translations_unreachable(
    tmp_path: Path, unreachable_url: str, make_search_client: Callable[..., Any]
) -> None:
    english = read_descriptions("en")

    with make_search_client(tmp_path / "search.db", translations_url=unreachable_url) as client:
        response = client.get("/cars", params={**PARAMS, "language": "de"})

    assert response.status_code == 200
    assert response.json()["descriptions"] == {
        "source": "fallback",
        "age_seconds": None,
        "language": "en",
    }
    assert len(response.json()["cars"]) >= 5
    for car in response.json()["cars"]:
        assert car["description"] == english[car["model_key"]], car["model_key"]


def test_second_search_reads_redis_cache(
    tmp_path: Path, translations_url: str, redis_url: str, make_search_client: Callable[..., Any]
) -> None:
    with make_search_client(
        tmp_path / "search.db",
        translations_url=translations_url,
        redis_url=redis_url,
        client_clock=ManualClock(),
    ) as client:
        first = client.get("/cars", params={**PARAMS, "language": "fr"})
        second = client.get("/cars", params={**PARAMS, "language": "fr"})
        snapshot = client.get("/resilience").json()

    assert first.json()["descriptions"]["source"] == "live"
    assert second.json()["descriptions"] == {
        "source": "cache",
        "age_seconds": 0.0,
        "language": "fr",
    }
    assert second.json()["cars"] == first.json()["cars"]
    assert snapshot["commands"]["descriptions"]["cache_hits"] == 1


def test_stale_copy_when_translations_goes_down(
    tmp_path: Path,
    translations_url: str,
    unreachable_url: str,
    redis_url: str,
    make_search_client: Callable[..., Any],
) -> None:
    clock = ManualClock()
    with make_search_client(
        tmp_path / "search.db",
        translations_url=translations_url,
        redis_url=redis_url,
        client_clock=clock,
    ) as client:
        live = client.get("/cars", params={**PARAMS, "language": "it"})

    clock.advance(PAST_FRESH_TTL_SECONDS)
    with make_search_client(
        tmp_path / "search.db",
        translations_url=unreachable_url,
        redis_url=redis_url,
        client_clock=clock,
    ) as client:
        stale = client.get("/cars", params={**PARAMS, "language": "it"})

    assert live.json()["descriptions"]["source"] == "live"
    assert stale.json()["descriptions"] == {
        "source": "stale",
        "age_seconds": PAST_FRESH_TTL_SECONDS,
        "language": "it",
    }
    assert stale.json()["cars"] == live.json()["cars"]


def test_fallback_copy_matches_translations_english() -> None:
    fallback = json.loads(FALLBACK_DESCRIPTIONS_FILE.read_text(encoding="utf-8"))

    assert fallback == read_descriptions("en")
    assert set(fallback) == set(load_catalog().model_keys)


def test_search_never_imports_translations_package() -> None:
    importers = []
    for path in SEARCH_SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name.split(".")[0] == "translations_service" for name in names):
                importers.append(str(path))

    assert importers == []


async def test_fallback_warning_is_rate_limited(
    unreachable_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    now = [0.0]
    client = ResilientClient(
        load_config(DEFAULT_RESILIENCE_CONFIG_PATH),
        base_urls={"translations": unreachable_url},
        clock=ManualClock(),
    )
    provider = DescriptionsProvider(client, load_catalog(), monotonic=lambda: now[0])

    with caplog.at_level(logging.WARNING, logger="search_service.descriptions"):
        async with client:
            for _ in range(3):
                assert (await provider.fetch("de")).source == "fallback"
            now[0] += FALLBACK_LOG_INTERVAL_SECONDS
            await provider.fetch("de")

    records = [
        record for record in caplog.records if record.getMessage() == "descriptions.fallback_served"
    ]
    assert [record.__dict__["suppressed"] for record in records] == [0, 2]
