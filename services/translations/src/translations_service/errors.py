"""Exceptions of the translations service.

TranslationsError                 root; carries the HTTP status and the `error` code of the body
├── UnsupportedLanguageError      404 `unsupported_language`
└── SeedDataError                 a data file shipped in the package is missing or invalid
"""

from __future__ import annotations

from collections.abc import Sequence

from servicekit import ServiceError

# Maximum number of characters of a client-supplied value repeated in an error message.
_MAX_ECHOED_LENGTH = 40


class TranslationsError(ServiceError):
    """Root of this package's errors, rendered as `{"error": error_code, "message": str(error)}`."""

    status_code = 500
    error_code = "internal_error"


class UnsupportedLanguageError(TranslationsError):
    """The requested language is not one of the supported language codes."""

    status_code = 404
    error_code = "unsupported_language"

    def __init__(self, language: str, supported: Sequence[str]) -> None:
        shortened_language = language[:_MAX_ECHOED_LENGTH]
        super().__init__(
            f"Language {shortened_language!r} is not supported. Use one of: {', '.join(supported)}."
        )
        self.language = language
        self.supported = tuple(supported)


class SeedDataError(TranslationsError):
    """A JSON data file of the package is missing, unreadable or has an invalid entry."""
