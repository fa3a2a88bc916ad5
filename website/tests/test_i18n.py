"""Language choice and string lookup, without any backend."""

from __future__ import annotations

import pytest

from website.errors import UnsupportedLanguageError
from website.i18n import Translator, choose_language, language_names, negotiate_language


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "de"),
        ("pt-BR,pt;q=0.9,it;q=0.5", "it"),
        ("en;q=0.1, fr;q=0.9", "fr"),
        ("es-419", "es"),
        ("pt-BR", "en"),
        ("*", "en"),
        ("", "en"),
        ("de;q=0, fr;q=0.5", "fr"),
        ("de;q=abc, it", "it"),
    ],
)
def test_negotiate_language_by_quality(header: str, expected: str) -> None:
    assert negotiate_language(header) == expected


def test_query_language_wins_and_is_stored() -> None:
    choice = choose_language("IT", "de", "fr")

    assert choice.language == "it"
    assert choice.store_in_cookie is True


def test_cookie_language_beats_header() -> None:
    choice = choose_language(None, "es", "de")

    assert choice.language == "es"
    assert choice.store_in_cookie is False


def test_unknown_cookie_falls_back_to_header() -> None:
    assert choose_language(None, "klingon", "fr").language == "fr"


def test_unsupported_query_language_raises() -> None:
    with pytest.raises(UnsupportedLanguageError) as raised:
        choose_language("pt", None, None)

    assert raised.value.value == "pt"
    assert raised.value.supported == ("en", "de", "fr", "es", "it")


def test_language_names_are_in_own_language() -> None:
    assert language_names() == {
        "en": "English",
        "de": "Deutsch",
        "fr": "Français",
        "es": "Español",
        "it": "Italiano",
    }


def test_translator_fills_placeholders() -> None:
    translate = Translator("de", {"results.heading": "Mietwagen ab {location}"})

    assert translate("results.heading", location="Lissabon") == "Mietwagen ab Lissabon"


def test_translator_falls_back_to_english_copy() -> None:
    translate = Translator("de", {})

    assert translate("search.submit") == "Search cars"
    assert translate("no.such.key") == "no.such.key"


def test_translator_survives_broken_placeholder() -> None:
    translate = Translator("fr", {"results.heading": "Voitures : {lieu}"})

    assert translate("results.heading", location="Lisbonne") == "Cars at Lisbonne"


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "1 day"),
        ("en", 3, "3 days"),
        ("fr", 0, "0 jour"),
        ("it", 1000000, "1000000 giorni"),
    ],
)
def test_plural_follows_language_rules(language: str, count: int, expected: str) -> None:
    strings = {
        "en": {"results.days.one": "{count} day", "results.days.other": "{count} days"},
        "fr": {"results.days.one": "{count} jour", "results.days.other": "{count} jours"},
        "it": {"results.days.one": "{count} giorno", "results.days.other": "{count} giorni"},
    }

    assert Translator(language, strings[language]).plural("results.days", count) == expected
