"""Fixtures: one seeded SQLite file per test session, and apps started on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from geolocation_service.app import create_app
from geolocation_service.seed import seed_locations
from geolocation_service.settings import GeolocationSettings
from servicekit import create_database_engine


@pytest.fixture(scope="session")
def seeded_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of a database seeded once, because seeding takes a few seconds."""
    path: Path = tmp_path_factory.mktemp("geolocation") / "geolocation.db"
    url = f"sqlite:///{path}"
    engine = create_database_engine(url)
    seed_locations(engine)
    engine.dispose()
    return url


@pytest.fixture
def client(seeded_database_url: str) -> Iterator[TestClient]:
    app = create_app(GeolocationSettings(database_url=seeded_database_url))
    with TestClient(app) as test_client:
        yield test_client
