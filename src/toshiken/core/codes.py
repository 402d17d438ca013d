"""Local-government codes (全国地方公共団体コード): the 6-digit form with its check digit."""

from __future__ import annotations

WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(code5: str) -> int:
    """The check digit of a 5-digit code: (11 - Σ digit×weight mod 11) mod 10."""
    if len(code5) != 5 or not code5.isdigit():
        raise ValueError(f"not a 5-digit code: {code5!r}")
    total = sum(int(d) * w for d, w in zip(code5, WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def is_valid_code(code: str) -> bool:
    """True for a 6-digit code whose last digit is the check digit of the first five."""
    return len(code) == 6 and code.isdigit() and check_digit(code[:5]) == int(code[5])
