"""Amounts with their unit and thousands separators; money is always an int."""

from __future__ import annotations

from decimal import Decimal


def thousands(value: int | Decimal | None, blank: str = "—") -> str:
    """1234567 -> '1,234,567'; None -> the blank mark."""
    if value is None:
        return blank
    return f"{value:,}"


def thousand_yen(value: int | None, lang: str = "ja") -> str:
    """An amount in thousand yen with its unit: '29,582千円' / '¥29,582 thousand'."""
    if value is None:
        return "—"
    return f"{value:,}千円" if lang == "ja" else f"¥{value:,} thousand"


def yen(value: int, lang: str = "ja") -> str:
    """An amount in yen with its unit: '1,234円' / '¥1,234'."""
    return f"{value:,}円" if lang == "ja" else f"¥{value:,}"
