"""Language choice and UI string lookup.

The language of a request comes from, in order: a `?lang=` query parameter (then stored in the
`lang` cookie), the `lang` cookie, the `Accept-Language` header negotiated with Babel, English.
UI strings come from the translations service; the website ships its own English copy
(`strings_en.json`) for when translations is down and nothing is cached.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale, negotiate_locale

from website.errors import UnsupportedLanguageError

logger = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("en", "de", "fr", "es", "it")
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600


@dataclass(frozen=True)
class LanguageChoice:
    """The language of one request, and whether the response must store it in the cookie."""

    language: str
    store_in_cookie: bool


def choose_language(
    query_value: str | None, cookie_value: str | None, accept_language: str | None
) -> LanguageChoice:
    """Pick the request's language. Raise `UnsupportedLanguageError` for an unknown `?lang=`."""
    if query_value is not None:
        code = query_value.strip().lower()
        if code not in SUPPORTED_LANGUAGES:
            raise UnsupportedLanguageError(query_value, SUPPORTED_LANGUAGES)
        return LanguageChoice(code, store_in_cookie=True)
    if cookie_value in SUPPORTED_LANGUAGES:
        return LanguageChoice(cookie_value, store_in_cookie=False)
    return LanguageChoice(negotiate_language(accept_language), store_in_cookie=False)


def negotiate_language(accept_language: str | None) -> str:
    """Return the supported language the `Accept-Language` header prefers most, else English."""
    preferred = _parse_accept_language(accept_language or "")
    match = negotiate_locale(preferred, SUPPORTED_LANGUAGES, sep="-")
    return match or DEFAULT_LANGUAGE


def _parse_accept_language(header: str) -> list[str]:
    """Return the language tags of an `Accept-Language` header, highest quality first."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, parameters = part.strip().partition(";")
        tag = tag.strip()
        if not tag or tag == "*":
            continue
        quality = 1.0
        name, _, value = parameters.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                continue
        if quality > 0:
            weighted.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(weighted)]


@cache
def language_names() -> dict[str, str]:
    """Return each supported language's name in that language (`de`: `Deutsch`), from Babel."""
    names = {}
    for code in SUPPORTED_LANGUAGES:
        name = Locale.parse(code).get_display_name(code) or code
        names[code] = name[:1].upper() + name[1:]
    return names


@cache
def english_strings() -> dict[str, str]:
    """Return the website's own copy of the English UI strings."""
    text = resources.files("website").joinpath("strings_en.json").read_text(encoding="utf-8")
    strings: dict[str, str] = json.loads(text)
    return strings


class Translator:
    """Look up UI strings of one language and fill their `{placeholders}` with `str.format`.

    A key missing from `strings` (for example from a stale copy older than the website) falls back
    to the English copy, and a key missing there too renders as the key itself.
    """

    def __init__(self, language: str, strings: dict[str, str]) -> None:
        self.language = language
        self._strings = strings
        self._locale = Locale.parse(language)

    def __call__(self, key: str, **values: Any) -> str:
        text = self._strings.get(key)
        if text is not None:
            try:
                return text.format(**values)
            except (KeyError, IndexError, ValueError):
                logger.warning("ui_string.invalid", extra={"key": key, "language": self.language})
        english = english_strings().get(key)
        if english is None:
            logger.warning("ui_string.missing", extra={"key": key})
            return key
        return english.format(**values)

    def plural(self, key: str, count: int, **values: Any) -> str:
        """Look up `<key>.one` or `<key>.other` by the language's plural rule for `count`."""
        form = "one" if self._locale.plural_form(count) == "one" else "other"
        return self(f"{key}.{form}", count=count, **values)
