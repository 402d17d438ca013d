from datetime import datetime

import pytest

from toshiken.hub.dates import JST, canonical_dates, era_year, parse_date, to_western_years

NOW = datetime(2025, 4, 10, 12, 0, tzinfo=JST)


@pytest.mark.parametrize(
    "text",
    [
        "令和7年4月1日",
        "令和７年４月１日（火）",
        "R7.4.1",
        "R07/04/01",
        "2025年4月1日",
        "２０２５年４月１日",
        "2025/4/1",
        "2025-04-01",
        "掲載日：2025.4.1",
    ],
)
def test_formats_give_the_same_day(text: str) -> None:
    assert parse_date(text) == datetime(2025, 4, 1, tzinfo=JST)


def test_gannen_and_heisei() -> None:
    assert parse_date("令和元年5月1日") == datetime(2019, 5, 1, tzinfo=JST)
    assert parse_date("平成31年4月30日") == datetime(2019, 4, 30, tzinfo=JST)
    assert era_year("R", "7") == 2025


def test_time_of_day() -> None:
    assert parse_date("2025年3月31日 午後2時30分") == datetime(2025, 3, 31, 14, 30, tzinfo=JST)
    assert parse_date("R7.4.1 10:30") == datetime(2025, 4, 1, 10, 30, tzinfo=JST)


def test_month_day_takes_the_year_from_now() -> None:
    assert parse_date("4月1日", NOW) == datetime(2025, 4, 1, tzinfo=JST)
    assert parse_date("12月25日", NOW) == datetime(2024, 12, 25, tzinfo=JST)
    assert parse_date("4月1日") is None


def test_impossible_and_missing_dates() -> None:
    assert parse_date("令和7年2月30日") is None
    assert parse_date("お知らせ") is None


def test_rewrites_for_comparison() -> None:
    assert to_western_years("令和7年度 第1回") == "2025年度 第1回"
    assert canonical_dates("R7.9.14") == canonical_dates("令和7年9月14日") == "20250914"
