"""Seeding at first start: contents, idempotence, concurrent first starts and older databases."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import airportsdata
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from geolocation_service.app import create_app
from geolocation_service.models import Location, SearchTerm, SearchWord
from geolocation_service.seed import SeedResult, seed_locations
from geolocation_service.settings import GeolocationSettings
from servicekit import create_database_engine


def count_rows(database_url: str) -> dict[str, int]:
    engine = create_database_engine(database_url)
    with Session(engine) as session:
        counts = {
            "airports": session.scalar(
                select(func.count()).select_from(Location).where(Location.kind == "airport")
            ),
            "cities": session.scalar(
                select(func.count()).select_from(Location).where(Location.kind == "city")
            ),
            "search_terms": session.scalar(select(func.count()).select_from(SearchTerm)),
            "search_words": session.scalar(select(func.count()).select_from(SearchWord)),
        }
    engine.dispose()
    return {name: count or 0 for name, count in counts.items()}


def test_seed_holds_every_iata_airport(seeded_database_url: str) -> None:
    assert count_rows(seeded_database_url)["airports"] == len(airportsdata.load("IATA"))


def test_seed_holds_only_cities_over_15000_people(seeded_database_url: str) -> None:
    engine = create_database_engine(seeded_database_url)
    with Session(engine) as session:
        smallest = session.scalar(
            select(func.min(Location.population)).where(Location.kind == "city")
        )
        city_count = session.scalar(
            select(func.count()).select_from(Location).where(Location.kind == "city")
        )
    engine.dispose()

    assert smallest is not None
    assert smallest > 15_000
    assert city_count is not None
    assert city_count > 30_000


def test_second_start_does_not_reseed(seeded_database_url: str) -> None:
    counts_before = count_rows(seeded_database_url)

    app = create_app(GeolocationSettings(database_url=seeded_database_url))
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200

    assert count_rows(seeded_database_url) == counts_before


def test_seed_on_filled_database_reports_skip(seeded_database_url: str) -> None:
    engine = create_database_engine(seeded_database_url)
    result = seed_locations(engine)
    engine.dispose()

    assert result.inserted is False
    assert result.location_count == sum(
        count_rows(seeded_database_url)[kind] for kind in ("airports", "cities")
    )


def test_concurrent_first_starts_seed_once(tmp_path: Path, seeded_database_url: str) -> None:
    database_url = f"sqlite:///{tmp_path / 'geolocation.db'}"
    engines = [create_database_engine(database_url) for _ in range(2)]

    with ThreadPoolExecutor(max_workers=2) as executor:
        results: list[SeedResult] = list(executor.map(seed_locations, engines))
    for engine in engines:
        engine.dispose()

    assert sorted(result.inserted for result in results) == [False, True]
    assert count_rows(database_url) == count_rows(seeded_database_url)


def test_seed_adds_words_to_older_database(tmp_path: Path, seeded_database_url: str) -> None:
    # A database filled by a version without search words has locations and terms only.
    path = tmp_path / "older.db"
    source = sqlite3.connect(seeded_database_url.removeprefix("sqlite:///"))
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    database_url = f"sqlite:///{path}"
    engine = create_database_engine(database_url)
    with Session(engine) as session, session.begin():
        session.execute(delete(SearchWord))

    result = seed_locations(engine)
    engine.dispose()

    assert result.inserted is True
    assert result.search_word_count == count_rows(seeded_database_url)["search_words"]
    assert count_rows(database_url) == count_rows(seeded_database_url)
    app = create_app(GeolocationSettings(database_url=database_url))
    with TestClient(app) as client:
        response = client.get("/locations/autocomplete", params={"q": "lisbon airport"})
    assert response.json()["results"][0]["id"] == "airport-LIS"
