"""Seeding at start: idempotent, refreshed on changed data, repaired for incomplete translations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from servicekit import create_database_engine
from translations_service.app import create_app
from translations_service.errors import SeedDataError
from translations_service.models import Base, CarDescription, CountryName, UiString
from translations_service.seed import (
    DATA_DIRECTORY,
    complete_translations,
    load_seed_data,
    seed_database,
)
from translations_service.settings import TranslationsSettings


def count_rows(database_url: str) -> dict[str, int]:
    engine = create_database_engine(database_url)
    with Session(engine) as session:
        counts = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (UiString, CarDescription, CountryName)
        }
    engine.dispose()
    return counts


def test_reseeding_writes_nothing(database_url: str) -> None:
    engine = create_database_engine(database_url)
    Base.metadata.create_all(engine)
    data = load_seed_data()

    first = seed_database(engine, data)
    counts_after_first = count_rows(database_url)
    second = seed_database(engine, data)

    assert set(first.values()) == {"seeded"}
    assert set(second.values()) == {"unchanged"}
    assert count_rows(database_url) == counts_after_first
    assert counts_after_first["country_names"] == 5 * 249
    engine.dispose()


def test_restart_does_not_duplicate_rows(database_url: str) -> None:
    settings = TranslationsSettings(database_url=database_url)
    with TestClient(create_app(settings)):
        counts_after_first_start = count_rows(database_url)
    with TestClient(create_app(settings)) as client:
        counts_after_second_start = count_rows(database_url)
        response = client.get("/descriptions/de", params={"model_keys": "fiat-500"})

    assert counts_after_second_start == counts_after_first_start
    assert response.json()["missing"] == []


def test_changed_data_file_is_reseeded(database_url: str, tmp_path: Path) -> None:
    data_directory = tmp_path / "data"
    shutil.copytree(DATA_DIRECTORY, data_directory)
    settings = TranslationsSettings(database_url=database_url)
    with TestClient(create_app(settings, data_directory=data_directory)):
        pass

    english_file = data_directory / "descriptions" / "en.json"
    descriptions = json.loads(english_file.read_text(encoding="utf-8"))
    descriptions["fiat-500"] = "A small city car."
    english_file.write_text(json.dumps(descriptions), encoding="utf-8")
    with TestClient(create_app(settings, data_directory=data_directory)) as client:
        response = client.get("/descriptions/en", params={"model_keys": "fiat-500"})

    assert response.json()["descriptions"] == {"fiat-500": "A small city car."}


def test_missing_translation_falls_back_to_english() -> None:
    tables = {
        "en": {"home.title": "Rent a car", "results.count": "{count} cars"},
        "de": {"home.title": "Auto mieten", "home.unused": "Nicht im Englischen"},
    }

    completed = complete_translations(tables, dataset="ui_strings")

    assert completed["de"] == {"home.title": "Auto mieten", "results.count": "{count} cars"}


def test_placeholder_mismatch_falls_back_to_english() -> None:
    tables = {
        "en": {"results.count": "{count} cars", "results.where": "in {location}"},
        "de": {"results.count": "{anzahl} Autos", "results.where": "in {location"},
    }

    completed = complete_translations(tables, dataset="ui_strings")

    assert completed["de"] == {"results.count": "{count} cars", "results.where": "in {location}"}


def test_missing_data_file_raises(tmp_path: Path) -> None:
    data_directory = tmp_path / "data"
    shutil.copytree(DATA_DIRECTORY, data_directory)
    (data_directory / "ui" / "it.json").unlink()

    with pytest.raises(SeedDataError, match=r"it\.json is missing"):
        load_seed_data(data_directory)


def test_nested_data_file_raises(tmp_path: Path) -> None:
    data_directory = tmp_path / "data"
    shutil.copytree(DATA_DIRECTORY, data_directory)
    (data_directory / "ui" / "fr.json").write_text('{"home": {"title": "x"}}', encoding="utf-8")

    with pytest.raises(SeedDataError, match="flat JSON object"):
        load_seed_data(data_directory)


def test_malformed_model_key_in_data_file_raises(tmp_path: Path) -> None:
    data_directory = tmp_path / "data"
    shutil.copytree(DATA_DIRECTORY, data_directory)
    (data_directory / "descriptions" / "es.json").write_text(
        '{"Fiat 500": "Un coche."}', encoding="utf-8"
    )

    with pytest.raises(SeedDataError, match="malformed model key 'Fiat 500'"):
        load_seed_data(data_directory)
