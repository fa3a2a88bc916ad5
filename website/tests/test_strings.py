"""The UI string files: the website's English copy, the five translations and the keys in use."""

from __future__ import annotations

import json
import re
import string
from importlib import resources
from pathlib import Path

import pytest

from website.i18n import SUPPORTED_LANGUAGES, english_strings

REPOSITORY = Path(__file__).resolve().parents[2]
UI_DIRECTORY = REPOSITORY / "services/translations/src/translations_service/data/ui"
# The search service owns the car catalog; it is read here as a file, never imported.
CAR_MODELS_FILE = REPOSITORY / "services/search/src/search_service/data/car_models.json"
WEBSITE_PACKAGE = Path(str(resources.files("website")))

# `t("key")`, `t.plural("key", ...)` and `page.t("key")` with a literal key.
_KEY_IN_SOURCE = re.compile(r"""\bt(?:\.plural)?\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']""")
_PLURAL_IN_SOURCE = re.compile(r"""\bt\.plural\(\s*["']([a-z_.]+)["']""")
_KEY_CONSTANT = re.compile(r'"((?:form\.error|checkout|notice|error)\.[a-z_.]+)"')


def read_ui_table(language: str) -> dict[str, str]:
    table: dict[str, str] = json.loads(
        (UI_DIRECTORY / f"{language}.json").read_text(encoding="utf-8")
    )
    return table


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def source_files() -> list[Path]:
    return sorted(WEBSITE_PACKAGE.rglob("*.py")) + sorted(WEBSITE_PACKAGE.rglob("*.html"))


def test_own_english_copy_equals_translations() -> None:
    assert english_strings() == read_ui_table("en")


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_language_has_exactly_english_keys(language: str) -> None:
    english = read_ui_table("en")
    table = read_ui_table(language)

    assert sorted(set(english) - set(table)) == []
    assert sorted(set(table) - set(english)) == []


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_language_has_english_placeholders(language: str) -> None:
    english = read_ui_table("en")
    table = read_ui_table(language)

    mismatched = {
        key: (placeholders(english[key]), placeholders(text))
        for key, text in table.items()
        if placeholders(text) != placeholders(english[key])
    }
    assert mismatched == {}


# Brand names, codes and words that are the same in English and in some of the other languages.
SAME_IN_SOME_LANGUAGES = frozenset(
    {
        "site.name",
        "state.line",
        "state.label.descriptions",
        "car.category.mini",
        "car.category.standard",
        "car.category.premium",
        "car.fuel.diesel",
        "car.fuel.hybrid",
        "car.transmission.manual",
        "checkout.total",
    }
)


@pytest.mark.parametrize("language", ("de", "fr", "es", "it"))
def test_language_is_translated(language: str) -> None:
    english = read_ui_table("en")
    table = read_ui_table(language)

    untranslated = [
        key for key in english if key not in SAME_IN_SOME_LANGUAGES and table[key] == english[key]
    ]
    assert untranslated == []


def test_every_key_in_source_exists() -> None:
    english = english_strings()
    used: set[str] = set()
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        used |= set(_KEY_IN_SOURCE.findall(text)) - set(_PLURAL_IN_SOURCE.findall(text))
        for key in _PLURAL_IN_SOURCE.findall(text):
            used |= {f"{key}.one", f"{key}.other"}
        constants = _KEY_CONSTANT.findall(text)
        used |= {key for key in constants if not key.endswith((".", ".html"))}

    missing = sorted(key for key in used if key not in english)
    assert missing == []
    assert len(used) > 50


def test_every_catalog_value_has_string() -> None:
    english = english_strings()
    models = json.loads(CAR_MODELS_FILE.read_text(encoding="utf-8"))

    for model in models:
        assert f"car.category.{model['category']}" in english
        assert f"car.fuel.{model['fuel']}" in english
        assert f"car.transmission.{model['transmission']}" in english


def test_every_decline_code_has_string() -> None:
    english = english_strings()

    for code in ("insufficient_funds", "card_declined", "expired_card", "incorrect_cvc"):
        assert f"checkout.declined.{code}" in english


# The search-unavailable notice is shown above the search form, so it must not say "above".
POSITION_WORDS = {"en": "above", "de": "oben", "fr": "dessus", "es": "arriba", "it": "sopra"}


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_search_notice_names_no_position(language: str) -> None:
    notice = read_ui_table(language)["notice.search_unavailable"]

    assert POSITION_WORDS[language] not in notice.lower()
