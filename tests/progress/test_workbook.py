"""The KPI workbook: the template round-trips; a bad file is refused whole with precise places."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from toshiken.progress.model import KpiActual
from toshiken.progress.workbook import (
    HEADERS,
    SHEET,
    UploadError,
    UploadRejected,
    build_template,
    read_upload,
)
from toshiken.vision.reader import ReadResult

KPIS = set(range(1, 14))


def workbook(
    *rows: tuple[object, ...], headers: tuple[str, ...] = HEADERS, sheet: str = SHEET
) -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rejected(data: bytes) -> list[UploadError]:
    with pytest.raises(UploadRejected) as caught:
        read_upload(data, KPIS)
    return caught.value.errors


def test_template_round_trip(read_result: ReadResult) -> None:
    kpis = read_result.vision.kpis
    recorded = [KpiActual(1, 2022, Decimal("5100000.5"), "県", "速報")]
    data = build_template(kpis, recorded, 2025)
    sheet = load_workbook(io.BytesIO(data))[SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert rows[1][:5] == (1, "圏域内総生産額", "百万円", 2022, 5100000.5)
    assert len(rows) == 1 + 13 + 1  # a blank 2025 row per KPI and the recorded one
    assert read_upload(data, KPIS) == recorded  # blank rows are skipped
    sheet.cell(row=3, column=5, value=5111111)
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    assert read_upload(buffer.getvalue(), KPIS)[1] == KpiActual(
        1, 2025, Decimal(5111111), "熊本県「市町村民経済計算」", ""
    )


def test_numbers_in_text_cells_are_read_when_they_are_numbers() -> None:
    data = workbook(
        (3, "", "", "2024", "１，２３４．５", "", ""), (4, None, None, 2024, 0.1, None, None)
    )
    assert [a.value for a in read_upload(data, KPIS)] == [Decimal("1234.5"), Decimal("0.1")]


def test_every_bad_cell_is_reported_with_its_place() -> None:
    errors = rejected(
        workbook(
            (99, "", "", 2024, 1, "", ""),
            (3, "", "", 2024, "約100", "", ""),
            (4, "", "", "令和6", 5, "", ""),
            (3, "", "", 2024, 7, "", ""),
            (5, "", "", 2024, 8, "", ""),
            (5, "", "", 2024, 9, "", ""),
            (6, "", "", 2024.5, 3, "", ""),
            (7, "", "", 2024, None, "実績値のない行は取り込まない", ""),
        )
    )
    places = [(e.sheet, e.row, e.column, e.header, e.code, e.value) for e in errors]
    assert places == [
        (SHEET, 2, "A", "KPI番号", "unknown_kpi", "99"),
        (SHEET, 3, "E", "実績値", "not_number", "約100"),
        (SHEET, 4, "D", "年（年度）", "not_number", "令和6"),
        (SHEET, 7, "D", "年（年度）", "duplicate", "6"),
        (SHEET, 8, "D", "年（年度）", "not_integer", "2024.5"),
    ]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"KPI,value\n1,2\n", "not_xlsx"),
        (b"PK\x03\x04 not really a zip", "not_xlsx"),
        (workbook(), "empty"),
        (workbook((1, "", "", 2024, None, "", "")), "empty"),
        (workbook((1, "", "", 2024, 5, "", ""), sheet="Sheet1"), "no_sheet"),
        (workbook((1, "", "", 2024, 5, "", ""), headers=("KPI", *HEADERS[1:])), "bad_header"),
    ],
)
def test_files_refused_whole(data: bytes, code: str) -> None:
    assert [e.code for e in rejected(data)] == [code]
