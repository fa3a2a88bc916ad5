"""Locale-aware formatting of money, numbers, dates and ages, all through Babel."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from babel.dates import format_date, format_timedelta
from babel.numbers import format_currency, format_decimal

from website.schemas import Location


def money(amount: Decimal, currency: str, language: str) -> str:
    """Format `amount` in `currency` for `language`: `123,00 €` in German, `€123.00` in English."""
    return format_currency(amount, currency, locale=language)


def number(value: float | int, language: str) -> str:
    """Format a count or a rating with the language's separators: `1.287` in German."""
    return format_decimal(value, locale=language)


def rating(value: float, language: str) -> str:
    """Format a rating with exactly one decimal, as ratings are given: `4.0`, `4,3` in German."""
    return format_decimal(value, format="0.0", locale=language)


def long_date(value: date, language: str) -> str:
    """Format a date with the month as a word, e.g. `10 déc. 2026` in French."""
    return format_date(value, format="medium", locale=language)


def age(age_seconds: float, language: str) -> str:
    """Format an age as a phrase relative to now: `3 minutes ago`, `vor 3 Minuten`."""
    return format_timedelta(
        timedelta(seconds=-age_seconds), add_direction=True, locale=language, threshold=1
    )


def location_label(location: Location, country_names: dict[str, str]) -> str:
    """Name a location for people: `Lisbon, Portugal · Humberto Delgado Airport (LIS)`.

    The country name is in the page's language when translations returned the names, else the
    ISO country code.
    """
    country = country_names.get(location.country_code, location.country_code)
    if location.kind == "city":
        return f"{location.name}, {country}"
    airport = f"{location.name} ({location.iata_code})" if location.iata_code else location.name
    if location.city and location.city != location.name:
        return f"{location.city}, {country} · {airport}"
    return f"{airport}, {country}"
