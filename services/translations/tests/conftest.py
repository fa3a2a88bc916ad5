from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from translations_service.app import create_app
from translations_service.settings import TranslationsSettings


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'translations.db'}"


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    app = create_app(TranslationsSettings(database_url=database_url))
    with TestClient(app) as test_client:
        yield test_client
