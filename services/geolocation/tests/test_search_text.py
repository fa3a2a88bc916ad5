"""Normalization that makes autocomplete case- and accent-insensitive."""

from __future__ import annotations

import pytest

from geolocation_service.search_text import normalize_search_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lisbon", "lisbon"),
        ("Zürich (Kreis 4)", "zurich kreis 4"),
        ("  São   Paulo ", "sao paulo"),
        ("Straße", "strasse"),
        ("Tromsø", "tromso"),
        ("Łódź", "lodz"),
        ("Chicago O'Hare", "chicago o hare"),
        ("Saint-Étienne", "saint etienne"),
        ("\u0130stanbul", "istanbul"),
        ("Лиссабон", "лиссабон"),
        ("--", ""),
    ],
)
def test_normalize_search_text(text: str, expected: str) -> None:
    assert normalize_search_text(text) == expected
