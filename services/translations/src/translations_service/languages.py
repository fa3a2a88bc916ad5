"""The languages the service translates into, and their names from Babel."""

from __future__ import annotations

from babel import Locale

from translations_service.errors import UnsupportedLanguageError

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it")
# Every other language must have exactly the UI keys and car descriptions of this one.
REFERENCE_LANGUAGE = "en"


def native_language_name(code: str) -> str:
    """Return the language's name in that language, capitalized (`Français`, not `français`)."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def require_supported_language(language: str) -> str:
    """Return `language` if it is supported, else raise `UnsupportedLanguageError`."""
    if language not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguageError(language, SUPPORTED_LANGUAGES)
    return language
