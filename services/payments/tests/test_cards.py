from __future__ import annotations

import pytest

from payments_service.cards import (
    CardBrand,
    DeclineCode,
    detect_card_brand,
    find_decline_code,
    normalize_card_number,
    passes_luhn_check,
)


@pytest.mark.parametrize(
    ("raw_number", "digits"),
    [
        ("4242424242424242", "4242424242424242"),
        ("4242 4242 4242 4242", "4242424242424242"),
        ("4242-4242-4242-4242", "4242424242424242"),
        ("3782 822463 10005", "378282246310005"),
    ],
)
def test_normalize_removes_spaces_and_dashes(raw_number: str, digits: str) -> None:
    assert normalize_card_number(raw_number) == digits


@pytest.mark.parametrize(
    ("raw_number", "expected_message"),
    [
        ("4242424242424241", "failed the Luhn check"),
        ("4242 4242 4242 424x", "only digits, spaces and dashes"),
        ("\uff14\uff12" * 8, "only digits, spaces and dashes"),
        ("42424242426", "12 to 19 digits, not 11"),
        ("42424242424242424242", "12 to 19 digits, not 20"),
        ("", "12 to 19 digits, not 0"),
    ],
)
def test_normalize_rejects_without_echoing(raw_number: str, expected_message: str) -> None:
    with pytest.raises(ValueError, match=expected_message) as raised:
        normalize_card_number(raw_number)

    if raw_number:
        assert raw_number not in str(raised.value)


def test_luhn_check_accepts_documented_test_cards() -> None:
    for digits in ("4242424242424242", "5555555555554444", "378282246310005", "4000000000000002"):
        assert passes_luhn_check(digits), digits


def test_luhn_check_rejects_changed_digit() -> None:
    assert not passes_luhn_check("4242424242424243")


@pytest.mark.parametrize(
    ("digits", "brand"),
    [
        ("4242424242424242", CardBrand.VISA),
        ("5555555555554444", CardBrand.MASTERCARD),
        ("2223003122003222", CardBrand.MASTERCARD),
        ("378282246310005", CardBrand.AMEX),
        ("371449635398431", CardBrand.AMEX),
        ("6011111111111117", CardBrand.DISCOVER),
        ("6445644564456445", CardBrand.DISCOVER),
        ("6555900000604105", CardBrand.DISCOVER),
        ("30569309025904", CardBrand.DINERS),
        ("36227206271667", CardBrand.DINERS),
        ("3566002020360505", CardBrand.JCB),
        ("6200000000000005", CardBrand.UNIONPAY),
        ("6304000000000000", CardBrand.MAESTRO),
        ("5018000000000009", CardBrand.MAESTRO),
        ("9999999999999995", CardBrand.UNKNOWN),
    ],
)
def test_detect_brand_from_prefix(digits: str, brand: CardBrand) -> None:
    assert detect_card_brand(digits) is brand


def test_decline_codes_of_test_cards() -> None:
    assert find_decline_code("4000000000009995") is DeclineCode.INSUFFICIENT_FUNDS
    assert find_decline_code("4000000000000002") is DeclineCode.CARD_DECLINED
    assert find_decline_code("4000000000000069") is DeclineCode.EXPIRED_CARD
    assert find_decline_code("4000000000000127") is DeclineCode.INCORRECT_CVC
    assert find_decline_code("4242424242424242") is None
