"""Checks on the JSON files shipped in the package, independent of the database."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from translations_service.languages import REFERENCE_LANGUAGE, SUPPORTED_LANGUAGES
from translations_service.seed import DATA_DIRECTORY, is_valid_model_key, placeholder_names

# The search service owns the car catalog; it is read here as a file, never imported.
CAR_MODELS_FILE = (
    Path(__file__).resolve().parents[2] / "search/src/search_service/data/car_models.json"
)
OTHER_LANGUAGES = [language for language in SUPPORTED_LANGUAGES if language != REFERENCE_LANGUAGE]
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def read_table(kind: str, language: str) -> dict[str, str]:
    return json.loads((DATA_DIRECTORY / kind / f"{language}.json").read_text(encoding="utf-8"))


def catalog_model_keys() -> list[str]:
    return [model["model_key"] for model in json.loads(CAR_MODELS_FILE.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_ui_file_has_exactly_english_keys(language: str) -> None:
    reference = read_table("ui", REFERENCE_LANGUAGE)
    table = read_table("ui", language)

    assert sorted(set(reference) - set(table)) == [], "keys missing from the translation"
    assert sorted(set(table) - set(reference)) == [], "keys the English file does not have"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_ui_placeholders_match_english(language: str) -> None:
    reference = read_table("ui", REFERENCE_LANGUAGE)
    table = read_table("ui", language)

    mismatched = {
        key: (placeholder_names(reference[key]), placeholder_names(table[key]))
        for key in reference
        if key in table and placeholder_names(table[key]) != placeholder_names(reference[key])
    }
    assert mismatched == {}


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_ui_texts_are_valid_format_strings(language: str) -> None:
    malformed = [
        key for key, text in read_table("ui", language).items() if placeholder_names(text) is None
    ]

    assert malformed == []


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_descriptions_cover_catalog_exactly(language: str) -> None:
    described = set(read_table("descriptions", language))
    catalog = set(catalog_model_keys())

    assert sorted(catalog - described) == [], "catalog models without a description"
    assert sorted(described - catalog) == [], "descriptions of models not in the catalog"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_descriptions_are_one_or_two_sentences(language: str) -> None:
    for model_key, text in read_table("descriptions", language).items():
        sentence_count = len(SENTENCE_END.findall(text))

        assert 1 <= sentence_count <= 2, f"{language}/{model_key}: {text!r}"
        assert text == text.strip(), f"{language}/{model_key} has surrounding whitespace"


def test_catalog_model_keys_are_well_formed() -> None:
    malformed = [key for key in catalog_model_keys() if not is_valid_model_key(key)]

    assert malformed == []
