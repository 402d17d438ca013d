"""How numbers are written in explanation lines."""

from __future__ import annotations

from fractions import Fraction

import pytest

from toshiken.costs.explain import decimal_text, quantity_text, ratio_text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(254_179), "254,179"),
        (Fraction(2_541_789, 10), "254,178.9"),
        (Fraction(2_541_789_4, 100), "254,178.9…"),
        (Fraction(1, 3), "0.3…"),
        (Fraction(-5, 2), "-2.5"),
        (Fraction(1, 100), "0.0…"),
    ],
)
def test_decimal_text(value: Fraction, text: str) -> None:
    assert decimal_text(value) == text


def test_quantity_text_writes_exact_decimals_in_full() -> None:
    assert quantity_text(Fraction(48_294)) == "48,294"
    assert quantity_text(Fraction(1_234_567, 1000)) == "1,234.567"
    assert quantity_text(Fraction(1, 3)) == "0.333333…"


def test_ratio_text() -> None:
    assert ratio_text(Fraction(1, 2)) == "50%"
    assert ratio_text(Fraction(3, 8)) == "37.5%"
    assert ratio_text(Fraction(1, 3)) == "1/3"
