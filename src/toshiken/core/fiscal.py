"""Fiscal years (1 April – 31 March) and their 和暦 labels."""

from __future__ import annotations

import re
from datetime import date

# (first day of the era, name) newest first
ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
)


def fiscal_year_of(day: date) -> int:
    """The fiscal year a day belongs to: 2026-03-31 is FY2025, 2026-04-01 is FY2026."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """First and last day of a fiscal year."""
    return date(fy, 4, 1), date(fy + 1, 3, 31)


def era_year(year: int, month: int = 4, day: int = 1) -> tuple[str, int]:
    """The era and year number of a date, e.g. (2025, 4, 1) -> ("令和", 7)."""
    when = date(year, month, day)
    for start, name in ERAS:
        if when >= start:
            return name, year - start.year + 1
    raise ValueError(f"no era for {year}")


def wareki_year(year: int) -> str:
    """令和7年 for 2025; 元年 for the first year of an era."""
    name, number = era_year(year, 12, 31)
    return f"{name}{'元' if number == 1 else number}年"


def fiscal_year_label(fy: int, lang: str = "ja") -> str:
    """令和7年度 (2025年度) in Japanese; FY2025 in English."""
    if lang != "ja":
        return f"FY{fy}"
    name, number = era_year(fy, 12, 31)  # FY2019 is 令和元年度, as officials write it
    return f"{name}{'元' if number == 1 else number}年度 ({fy}年度)"


_WAREKI_DATE = re.compile(r"(令和|平成|昭和)\s*(元|\d+)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def parse_wareki_date(text: str) -> date | None:
    """The first 和暦 date in a text: '令和6年10月1日' -> 2024-10-01 (元年 = 1)."""
    found = _WAREKI_DATE.search(text)
    if not found:
        return None
    era, number, month, day = found.groups()
    start = next(s for s, name in ERAS if name == era)
    year = start.year + (1 if number == "元" else int(number)) - 1
    return date(year, int(month), int(day))
