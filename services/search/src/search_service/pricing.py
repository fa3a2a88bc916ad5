"""Daily prices: a base rate per ACRISS category in euros, scaled per country, in local currency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_precision

from search_service.countries import currency_of_country
from search_service.exchange_rates import FALLBACK_CURRENCY, RATES_PER_EURO

# Daily rate in euros per ACRISS category, the first letter of the code: M mini, E economy,
# C compact, I intermediate, S standard, F fullsize, P premium and L luxury. N, H, D, J, R, G, U
# and W are their "elite" variants, O is oversize and X special.
BASE_DAILY_RATES_EUR: dict[str, Decimal] = {
    letter: Decimal(rate)
    for letter, rate in {
        "M": "28", "N": "32", "E": "34", "H": "38", "C": "41", "D": "46", "I": "49", "J": "54",
        "S": "58", "R": "64", "F": "69", "G": "76", "P": "85", "U": "95", "L": "110", "W": "130",
        "O": "90", "X": "100",
    }.items()
}  # fmt: skip

# Surcharge factor per ACRISS vehicle type, the second letter (T = convertible, N = roadster,
# V = passenger van, L = limousine, S = sport, K = commercial van, F = SUV, J = open-air all
# terrain, E = coupe, M = monospace, W = wagon, P and Q = pick-up, G = crossover). Other types,
# such as the D of a four- or five-door car, cost the category rate.
VEHICLE_TYPE_FACTORS: dict[str, Decimal] = {
    letter: Decimal(factor)
    for letter, factor in {
        "T": "1.30", "N": "1.25", "V": "1.20", "L": "1.20", "S": "1.15", "K": "1.15", "F": "1.10",
        "J": "1.10", "E": "1.10", "M": "1.10", "Q": "1.10", "W": "1.05", "P": "1.05", "G": "1.05",
    }.items()
}  # fmt: skip

# ACRISS third letters of automatic transmissions (A unspecified drive, B four-wheel, D all-wheel).
AUTOMATIC_TRANSMISSION_LETTERS = frozenset({"A", "B", "D"})
AUTOMATIC_TRANSMISSION_FACTOR = Decimal("1.05")

# Price level of car rental per country, relative to the euro-area average. These are rough
# estimates chosen for the demo, not measurements. A country not listed gets DEFAULT_PRICE_LEVEL.
COUNTRY_PRICE_LEVELS: dict[str, Decimal] = {
    code: Decimal(level)
    for code, level in {
        "CH": "1.45", "IS": "1.40", "NO": "1.35", "SG": "1.25", "DK": "1.20", "US": "1.20",
        "GB": "1.15", "IE": "1.15", "LU": "1.15", "HK": "1.15", "IL": "1.15", "NL": "1.10",
        "SE": "1.10", "FI": "1.10", "CA": "1.10", "AU": "1.10", "FR": "1.05", "DE": "1.05",
        "BE": "1.05", "AT": "1.05", "NZ": "1.05", "IT": "1.00", "JP": "1.00", "AE": "1.00",
        "SI": "0.90", "ES": "0.90", "KR": "0.85", "PT": "0.85", "GR": "0.85", "CY": "0.85",
        "MT": "0.85", "HR": "0.85", "CZ": "0.80", "SK": "0.80", "PL": "0.75", "HU": "0.75",
        "TW": "0.75", "RO": "0.70", "TR": "0.70", "MX": "0.70", "CL": "0.70", "CN": "0.70",
        "BG": "0.65", "BR": "0.65", "AR": "0.60", "ZA": "0.60", "CO": "0.55", "PE": "0.55",
        "MA": "0.55", "TH": "0.55", "MY": "0.55", "ID": "0.50", "PH": "0.50", "VN": "0.45",
        "EG": "0.45", "IN": "0.40",
    }.items()
}  # fmt: skip
DEFAULT_PRICE_LEVEL = Decimal("1.00")

_WHOLE_UNITS = Decimal("1")
_CENTS = Decimal("0.01")


@dataclass(frozen=True)
class PriceList:
    """Pricing of cars in one country: its currency, exchange rate and price level."""

    country_code: str
    currency: str
    rate_per_euro: Decimal
    price_level: Decimal
    has_minor_units: bool

    def daily_price(self, acriss_code: str) -> Decimal:
        """Return the daily price of a car with `acriss_code`, rounded to the currency's unit."""
        amount = daily_rate_eur(acriss_code) * self.price_level * self.rate_per_euro
        return amount.quantize(_CENTS if self.has_minor_units else _WHOLE_UNITS, ROUND_HALF_UP)

    def format(self, amount: Decimal) -> str:
        """Format `amount` as a decimal string: two places, or none for currencies such as JPY."""
        return str(amount.quantize(_CENTS if self.has_minor_units else _WHOLE_UNITS))


def daily_rate_eur(acriss_code: str) -> Decimal:
    """Return the unrounded daily rate in euros of a car with `acriss_code`, before country level.

    Raises KeyError for a category letter missing from BASE_DAILY_RATES_EUR, which a test rules
    out for every catalog model.
    """
    rate = BASE_DAILY_RATES_EUR[acriss_code[0]]
    rate *= VEHICLE_TYPE_FACTORS.get(acriss_code[1], Decimal(1))
    if acriss_code[2] in AUTOMATIC_TRANSMISSION_LETTERS:
        rate *= AUTOMATIC_TRANSMISSION_FACTOR
    return rate


def price_list_for(country_code: str, on_date: date) -> PriceList:
    """Return the price list of `country_code`, in US dollars if its currency has no rate.

    A currency with three minor-unit digits (KWD, BHD, ...) is priced to two places, because a
    thousandth of a dinar is meaningless for a rental price.
    """
    currency = currency_of_country(country_code, on_date)
    if currency is None or currency not in RATES_PER_EURO:
        currency = FALLBACK_CURRENCY
    return PriceList(
        country_code=country_code,
        currency=currency,
        rate_per_euro=RATES_PER_EURO[currency],
        price_level=COUNTRY_PRICE_LEVELS.get(country_code, DEFAULT_PRICE_LEVEL),
        has_minor_units=get_currency_precision(currency) > 0,
    )
