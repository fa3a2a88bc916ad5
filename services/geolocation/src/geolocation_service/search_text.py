"""Normalization of place names and queries into the form that autocomplete compares."""

from __future__ import annotations

import re
import unicodedata

# Latin letters that NFKD does not decompose into a base letter plus a combining mark
# (U+0131 is the dotless i of Turkish).
_UNDECOMPOSED_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ħ": "h",
        "\u0131": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
    }
)
# Runs of characters that are neither letters nor digits (`\W` plus the underscore).
_SEPARATORS = re.compile(r"[\W_]+")


def normalize_search_text(text: str) -> str:
    """Return `text` folded for case- and accent-insensitive prefix matching.

    Accents are removed (NFKD, then combining marks dropped), case is folded (so "ß" becomes
    "ss"), and every run of characters that are not letters or digits becomes one space.
    "Zürich (Kreis 4)" becomes "zurich kreis 4". Letters of non-Latin scripts are kept.
    """
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
        text = text.casefold().translate(_UNDECOMPOSED_LETTERS)
    return _SEPARATORS.sub(" ", text.lower()).strip()
