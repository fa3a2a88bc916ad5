"""Prices: category rate in euros, country price level, local currency and its rounding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from search_service.catalog import load_catalog
from search_service.countries import currency_of_country, iso_country_codes
from search_service.exchange_rates import FALLBACK_CURRENCY, RATES_PER_EURO
from search_service.pricing import BASE_DAILY_RATES_EUR, daily_rate_eur, price_list_for

ON_DATE = date(2026, 12, 10)


def test_every_catalog_category_has_a_rate() -> None:
    for model in load_catalog().models:
        assert model.acriss_code[0] in BASE_DAILY_RATES_EUR, model.model_key


def test_euro_prices_have_two_places() -> None:
    price_list = price_list_for("PT", ON_DATE)

    daily_price = price_list.daily_price("CDMR")

    assert price_list.currency == "EUR"
    assert price_list.format(daily_price) == "34.85"
    assert price_list.format(daily_price * 3) == "104.55"


def test_yen_prices_are_whole_numbers() -> None:
    price_list = price_list_for("JP", ON_DATE)

    daily_price = price_list.daily_price("CDMR")

    assert price_list.currency == "JPY"
    assert daily_price == daily_price.to_integral_value()
    assert "." not in price_list.format(daily_price)


def test_three_digit_currency_is_priced_to_cents() -> None:
    price_list = price_list_for("KW", ON_DATE)

    assert price_list.currency == "KWD"
    assert price_list.format(price_list.daily_price("CDMR")).split(".")[1].isdigit()
    assert len(price_list.format(price_list.daily_price("CDMR")).split(".")[1]) == 2


@pytest.mark.parametrize("country_code", ["VE", "AQ"])
def test_currency_without_rate_falls_back_to_dollars(country_code: str) -> None:
    price_list = price_list_for(country_code, ON_DATE)

    assert price_list.currency == FALLBACK_CURRENCY
    assert price_list.rate_per_euro == RATES_PER_EURO["USD"]


def test_price_level_scales_prices() -> None:
    switzerland = price_list_for("CH", ON_DATE)
    portugal = price_list_for("PT", ON_DATE)

    swiss_in_euros = switzerland.daily_price("CDMR") / switzerland.rate_per_euro

    assert swiss_in_euros > portugal.daily_price("CDMR")


def test_unlisted_country_uses_default_level() -> None:
    price_list = price_list_for("LI", ON_DATE)

    assert price_list.price_level == Decimal("1.00")
    assert price_list.currency == "CHF"


def test_automatic_and_convertible_cost_more() -> None:
    assert daily_rate_eur("CDAR") > daily_rate_eur("CDMR")
    assert daily_rate_eur("STAR") > daily_rate_eur("SDAR")


def test_rate_table_covers_most_countries() -> None:
    without_rate = sorted(
        code
        for code in iso_country_codes()
        if currency_of_country(code, ON_DATE) not in RATES_PER_EURO
    )

    assert len(iso_country_codes()) == 249
    assert len(without_rate) <= 12, without_rate
