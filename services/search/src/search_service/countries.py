"""ISO 3166-1 country codes and the currency each country uses, from Babel (CLDR data)."""

from __future__ import annotations

from datetime import date
from functools import cache

from babel import Locale
from babel.numbers import get_territory_currencies

# Two-letter codes that Babel (CLDR) lists as territories but ISO 3166-1 does not assign to a
# country. They are the exceptionally reserved codes (AC, CP, CQ, DG, EA, IC, TA), CLDR groupings
# (EU, EZ, QO, UN), pseudo-regions (XA, XB), the user-assigned XK (Kosovo) and ZZ (unknown region).
NON_ISO_TERRITORY_CODES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)


@cache
def iso_country_codes() -> frozenset[str]:
    """Return the ISO 3166-1 alpha-2 codes in Babel's territory list (249 with Babel 2.19)."""
    territory_codes = [str(code) for code in Locale("en").territories]
    return frozenset(
        code
        for code in territory_codes
        if len(code) == 2 and code.isalpha() and code not in NON_ISO_TERRITORY_CODES
    )


def currency_of_country(country_code: str, on_date: date) -> str | None:
    """Return the ISO 4217 code of the first legal tender of `country_code` on `on_date`.

    Returns None for a territory without a currency of its own in CLDR, such as Antarctica (AQ).
    """
    currencies = get_territory_currencies(country_code, start_date=on_date, tender=True)
    return currencies[0] if currencies else None
