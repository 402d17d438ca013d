"""Fiscal years run April to March and show 和暦."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from toshiken.core.fiscal import (
    fiscal_year_bounds,
    fiscal_year_label,
    fiscal_year_of,
    parse_wareki_date,
    wareki_year,
)


def test_fiscal_year_boundaries() -> None:
    assert fiscal_year_of(date(2026, 3, 31)) == 2025
    assert fiscal_year_of(date(2026, 4, 1)) == 2026
    assert fiscal_year_bounds(2025) == (date(2025, 4, 1), date(2026, 3, 31))


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_lies_in_its_fiscal_year(day: date) -> None:
    first, last = fiscal_year_bounds(fiscal_year_of(day))
    assert first <= day <= last


def test_labels() -> None:
    assert fiscal_year_label(2025) == "令和7年度 (2025年度)"
    assert fiscal_year_label(2019) == "令和元年度 (2019年度)"
    assert fiscal_year_label(2018) == "平成30年度 (2018年度)"
    assert fiscal_year_label(2025, "en") == "FY2025"
    assert wareki_year(2016) == "平成28年"


def test_parse_wareki_date() -> None:
    assert parse_wareki_date("（令和6年10月1日時点）") == date(2024, 10, 1)
    assert parse_wareki_date("平成31年4月30日") == date(2019, 4, 30)
    assert parse_wareki_date("令和元年5月1日") == date(2019, 5, 1)
    assert parse_wareki_date("2024年10月1日") is None
