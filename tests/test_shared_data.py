"""Data that two packages each keep a copy of must agree, since services never import each other."""

import json
from pathlib import Path

from ratings_service.catalog import MODEL_KEYS

REPOSITORY = Path(__file__).resolve().parent.parent
SEARCH_CATALOG = REPOSITORY / "services/search/src/search_service/data/car_models.json"
TRANSLATIONS_DATA = REPOSITORY / "services/translations/src/translations_service/data"
WEBSITE_STRINGS = REPOSITORY / "website/src/website/strings_en.json"


def search_model_keys() -> set[str]:
    return {model["model_key"] for model in json.loads(SEARCH_CATALOG.read_text())}


def test_ratings_cover_search_catalog() -> None:
    assert set(MODEL_KEYS) == search_model_keys()


def test_descriptions_cover_search_catalog() -> None:
    for language in ("en", "de", "fr", "es", "it"):
        descriptions = json.loads(
            (TRANSLATIONS_DATA / "descriptions" / f"{language}.json").read_text()
        )
        assert set(descriptions) == search_model_keys(), language


def test_website_english_strings_match_translations() -> None:
    service_strings = json.loads((TRANSLATIONS_DATA / "ui" / "en.json").read_text())
    website_strings = json.loads(WEBSITE_STRINGS.read_text())

    assert website_strings == service_strings
