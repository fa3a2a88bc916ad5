"""Fixtures: a ratings app on a fresh SQLite file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ratings_service.app import create_app
from ratings_service.settings import RatingsSettings


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ratings.db'}"


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    app = create_app(RatingsSettings(database_url=database_url))
    with TestClient(app) as test_client:
        yield test_client
