"""Card number checks, brand detection and the documented test cards.

Only the brand and the last four digits of a number leave this module's callers: the full number
and the CVC are never stored or logged, and no error message contains them.
"""

from __future__ import annotations

import re
from enum import StrEnum

MIN_CARD_NUMBER_DIGITS = 12
MAX_CARD_NUMBER_DIGITS = 19

# Spaces and dashes are how people group the digits when they type or paste a number.
_CARD_NUMBER_SEPARATORS = re.compile(r"[ \-]")
_ASCII_DIGITS = re.compile(r"[0-9]*")


class CardBrand(StrEnum):
    """Card network, detected from the issuer prefix of the number."""

    VISA = "visa"
    MASTERCARD = "mastercard"
    AMEX = "amex"
    DISCOVER = "discover"
    DINERS = "diners"
    JCB = "jcb"
    UNIONPAY = "unionpay"
    MAESTRO = "maestro"
    UNKNOWN = "unknown"


class DeclineCode(StrEnum):
    """Reason a test card is declined, returned as `decline_code` in the 402 body."""

    INSUFFICIENT_FUNDS = "insufficient_funds"
    CARD_DECLINED = "card_declined"
    EXPIRED_CARD = "expired_card"
    INCORRECT_CVC = "incorrect_cvc"


# The documented test numbers that decline. Every other Luhn-valid number succeeds.
_DECLINING_TEST_CARDS: dict[str, DeclineCode] = {
    "4000000000009995": DeclineCode.INSUFFICIENT_FUNDS,
    "4000000000000002": DeclineCode.CARD_DECLINED,
    "4000000000000069": DeclineCode.EXPIRED_CARD,
    "4000000000000127": DeclineCode.INCORRECT_CVC,
}

# Issuer prefixes as (first, last) ranges over a fixed number of leading digits, checked in this
# order. UnionPay (62) is checked before Discover so that its co-branded 622126-622925 range is
# reported as unionpay; Maestro comes last because its 50 and 56-58 ranges are the broadest.
_BRAND_PREFIX_RANGES: tuple[tuple[CardBrand, tuple[tuple[int, int, int], ...]], ...] = (
    (CardBrand.AMEX, ((2, 34, 34), (2, 37, 37))),
    (CardBrand.VISA, ((1, 4, 4),)),
    (CardBrand.MASTERCARD, ((2, 51, 55), (4, 2221, 2720))),
    (CardBrand.DINERS, ((3, 300, 305), (4, 3095, 3095), (2, 36, 36), (2, 38, 39))),
    (CardBrand.JCB, ((4, 3528, 3589),)),
    (CardBrand.UNIONPAY, ((2, 62, 62),)),
    (CardBrand.DISCOVER, ((4, 6011, 6011), (3, 644, 649), (2, 65, 65))),
    (
        CardBrand.MAESTRO,
        ((2, 50, 50), (2, 56, 58), (4, 6304, 6304), (4, 6759, 6759), (4, 6761, 6763)),
    ),
)


def normalize_card_number(raw_number: str) -> str:
    """Return the digits of `raw_number` with spaces and dashes removed.

    Raises ValueError when the number has other characters, has a wrong length or fails the
    Luhn check. The message never contains the number.
    """
    digits = _CARD_NUMBER_SEPARATORS.sub("", raw_number)
    if not _ASCII_DIGITS.fullmatch(digits):
        raise ValueError(
            "card number must contain only digits, spaces and dashes; re-enter it as printed"
        )
    if not MIN_CARD_NUMBER_DIGITS <= len(digits) <= MAX_CARD_NUMBER_DIGITS:
        raise ValueError(
            f"card number must have {MIN_CARD_NUMBER_DIGITS} to {MAX_CARD_NUMBER_DIGITS} digits, "
            f"not {len(digits)}; re-enter it as printed"
        )
    if not passes_luhn_check(digits):
        raise ValueError("card number failed the Luhn check; re-enter it as printed")
    return digits


def passes_luhn_check(digits: str) -> bool:
    """Return whether a string of ASCII digits has a valid Luhn (mod 10) check digit."""
    total = 0
    # Walk from the check digit leftwards and double every second digit.
    for position, character in enumerate(reversed(digits)):
        value = int(character)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def detect_card_brand(digits: str) -> CardBrand:
    """Return the brand whose issuer prefix starts `digits`, or `CardBrand.UNKNOWN`."""
    for brand, prefix_ranges in _BRAND_PREFIX_RANGES:
        for prefix_length, first, last in prefix_ranges:
            if len(digits) >= prefix_length and first <= int(digits[:prefix_length]) <= last:
                return brand
    return CardBrand.UNKNOWN


def required_cvc_length(brand: CardBrand) -> int:
    """Return the number of CVC digits that cards of `brand` carry: 4 for amex, else 3."""
    return 4 if brand is CardBrand.AMEX else 3


def find_decline_code(digits: str) -> DeclineCode | None:
    """Return the decline reason of a documented declining test card, or None if it succeeds."""
    return _DECLINING_TEST_CARDS.get(digits)
