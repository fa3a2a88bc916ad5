"""Localized country names from Babel, limited to ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

from babel import Locale

# Two-letter codes that Babel (CLDR) lists as territories but ISO 3166-1 does not assign to a
# country. They are the exceptionally reserved codes (AC, CP, CQ, DG, EA, IC, TA), CLDR groupings
# (EU, EZ, QO, UN), pseudo-regions (XA, XB), the user-assigned XK (Kosovo) and ZZ (unknown region).
# Numeric CLDR regions such as "150" (Europe) are excluded by the two-letter check.
NON_ISO_TERRITORY_CODES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)


def is_iso_country_code(code: str) -> bool:
    """Return whether `code` is an ISO 3166-1 alpha-2 code rather than a CLDR-only region."""
    return (
        len(code) == 2
        and code.isascii()
        and code.isalpha()
        and code.isupper()
        and (code not in NON_ISO_TERRITORY_CODES)
    )


def localized_country_names(language: str) -> dict[str, str]:
    """Return `{alpha-2 code: name in language}` for every ISO 3166-1 country, sorted by code."""
    territories = Locale.parse(language).territories
    return {code: territories[code] for code in sorted(territories) if is_iso_country_code(code)}
