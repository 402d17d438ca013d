"""Usage files: CSV with or without BOM and .xlsx, refused whole with every problem's place."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

from tests.costs.conftest import CODE
from toshiken.costs.usage import (
    SICK_CHILD,
    SUPPORT_SCHOOL,
    WASTE,
    Problem,
    UsageFileError,
    parse_usage_csv,
    parse_usage_xlsx,
)

SICK_CHILD_CSV = """年度,提供自治体,施設,利用自治体,利用児童数
2024,熊本市,病児保育室A,合志市,15
令和6年度,431001,病児保育室A,菊陽町,"1,005"
2024年度,熊本市,病児保育室A,熊本市,180
"""


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems(caught: pytest.ExceptionInfo[UsageFileError]) -> set[tuple[int, str]]:
    return {(p.row, p.column) for p in caught.value.problems}


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_csv_with_or_without_bom(bom: bytes, names: dict[str, str]) -> None:
    records = parse_usage_csv(bom + SICK_CHILD_CSV.encode(), names, SICK_CHILD)
    assert [
        (r.fiscal_year, r.provider, r.facility, r.municipality, r.quantity) for r in records
    ] == [
        (2024, CODE["熊本市"], "病児保育室A", CODE["合志市"], Decimal(15)),
        (2024, CODE["熊本市"], "病児保育室A", CODE["菊陽町"], Decimal(1005)),
        (2024, CODE["熊本市"], "病児保育室A", CODE["熊本市"], Decimal(180)),
    ]
    assert [r.row for r in records] == [2, 3, 4]


def test_tonnes_keep_their_decimals(names: dict[str, str]) -> None:
    data = "年度,市町村,ごみ量（ｔ）,期間\n2025,益城町,1234.567,4月\n2025,益城町,0.5,5月\n"
    records = parse_usage_csv(data.encode(), names, WASTE)
    assert [r.quantity for r in records] == [Decimal("1234.567"), Decimal("0.5")]
    assert [r.period for r in records] == ["4月", "5月"]


def test_xlsx(names: dict[str, str]) -> None:
    data = xlsx(
        [
            ["年度", "利用自治体", "利用回数", "備考"],
            [2024, "宇土市", 12, None],
            ["2024", "432130", 3.0, "宇城市"],
            [None, None, None, None],
        ]
    )
    records = parse_usage_xlsx(data, names, SUPPORT_SCHOOL)
    assert [(r.municipality, r.quantity) for r in records] == [
        (CODE["宇土市"], Decimal(12)),
        (CODE["宇城市"], Decimal(3)),
    ]
    tonnes = parse_usage_xlsx(
        xlsx([["年度", "市町村", "ごみ量(t)"], [2025, "嘉島町", 1234.567]]), names, WASTE
    )
    assert tonnes[0].quantity == Decimal("1234.567")


def test_every_problem_is_listed_with_row_and_column(names: dict[str, str]) -> None:
    data = """年度,提供自治体,施設,利用自治体,利用児童数
2024,熊本市,病児保育室A,八代市,15
2024,熊本市,病児保育室A,合志市,-1
2024,熊本市,病児保育室A,菊陽町,2.5
2024,熊本市,病児保育室A,大津町,
2024,熊本市,病児保育室A,益城町,3
2024,熊本市,病児保育室A,益城町,4
平成,熊本市,,御船町,abc
"""
    with pytest.raises(UsageFileError) as caught:
        parse_usage_csv(data.encode(), names, SICK_CHILD)
    assert problems(caught) == {
        (2, "利用自治体"),
        (3, "利用児童数"),
        (4, "利用児童数"),
        (5, "利用児童数"),
        (7, "利用自治体"),
        (8, "年度"),
        (8, "施設"),
        (8, "利用児童数"),
    }
    reasons = {(p.row, p.reason) for p in caught.value.problems}
    assert (2, "市町村名・団体コードとして知られていません: '八代市'") in reasons
    assert (3, "負の値です: -1") in reasons
    assert (4, "整数ではありません: 2.5") in reasons
    assert (5, "値がありません") in reasons
    assert (7, "6行目と同じ記録が重複しています") in reasons
    assert "8行目 利用児童数: 数値ではありません: 'abc'" in str(caught.value)


def test_an_optional_provider_column_may_be_blank(names: dict[str, str]) -> None:
    data = "年度,提供自治体,利用自治体,利用回数\n2024,,宇土市,3\n2024,宇城市,甲佐町,1\n"
    records = parse_usage_csv(data.encode(), names, SUPPORT_SCHOOL)
    assert [r.provider for r in records] == [None, CODE["宇城市"]]


def test_missing_columns_are_named(names: dict[str, str]) -> None:
    with pytest.raises(UsageFileError) as caught:
        parse_usage_csv("年度,利用自治体\n2024,合志市\n".encode(), names, SICK_CHILD)
    assert problems(caught) == {(1, "提供自治体"), (1, "施設"), (1, "利用児童数")}


def test_unreadable_files(names: dict[str, str]) -> None:
    with pytest.raises(UsageFileError, match="UTF-8"):
        parse_usage_csv("年度,利用自治体\n".encode("shift_jis"), names, SUPPORT_SCHOOL)
    with pytest.raises(UsageFileError, match="xlsx"):
        parse_usage_xlsx(b"not a workbook", names, SUPPORT_SCHOOL)
    with pytest.raises(UsageFileError, match="空"):
        parse_usage_csv(b"", names, SUPPORT_SCHOOL)


def test_problem_text() -> None:
    assert str(Problem(3, "利用回数", "負の値です: -1")) == "3行目 利用回数: 負の値です: -1"
