"""The initiative-reports workbook: template round trip; bad rows refused whole, with places."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from toshiken.progress.model import Implementation, InitiativeReport
from toshiken.progress.report_workbook import (
    HEADERS,
    SHEET,
    Slot,
    build_template,
    read_upload,
)
from toshiken.progress.workbook import UploadError, UploadRejected

KOSHI, ARAO = "432164", "432041"
PARTICIPANTS = {"1-1-1": (KOSHI, ARAO), "3-1-2": (KOSHI,)}
YEARS = range(2021, 2026)


def mine(code: str) -> bool:
    return code == KOSHI


def workbook(*rows: tuple[object, ...], headers: tuple[str, ...] = HEADERS) -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = SHEET
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(data: bytes) -> list[InitiativeReport]:
    return read_upload(data, PARTICIPANTS, mine, YEARS)


def rejected(data: bytes) -> list[tuple[object, ...]]:
    with pytest.raises(UploadRejected) as caught:
        read(data)
    return [(e.row, e.column, e.code) for e in caught.value.errors]


def test_template_round_trip() -> None:
    slots = [Slot("1-1-1", "企業誘致", KOSHI, "合志市"), Slot("3-1-2", "x", KOSHI, "合志市")]
    done = InitiativeReport("1-1-1", 2025, KOSHI, Implementation.done, 120, "説明会")
    data = build_template(slots, [done], 2025)
    sheet = load_workbook(io.BytesIO(data))[SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert rows[1] == ("1-1-1", "企業誘致", KOSHI, "合志市", 2025, "実施済", 120, "説明会")
    assert rows[2][5:] == (None, None, None)
    assert read(data) == [done]  # the unfilled row is skipped
    sheet.cell(row=3, column=6, value="一部実施")
    sheet.cell(row=3, column=7, value="０")  # full-width zero typed as text
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    assert read(buffer.getvalue())[1] == InitiativeReport(
        "3-1-2", 2025, KOSHI, Implementation.partial, 0, ""
    )


def test_every_bad_cell_is_named() -> None:
    data = workbook(
        ("9-9-9", "", KOSHI, "", 2025, "実施済", 1, ""),  # unknown initiative
        ("1-1-1", "", "131016", "", 2025, "実施済", 1, ""),  # not a participant
        ("1-1-1", "", ARAO, "", 2025, "実施済", 1, ""),  # another municipality's row
        ("3-1-2", "", KOSHI, "", 2019, "done", "約100", ""),  # year and amount
        ("1-1-1", "", KOSHI, "", 2025, "済み", -5, ""),  # status and negative
        ("1-1-1", "", KOSHI, "", 2024, "実施中", 1.5, "x" * 2001),
        ("3-1-2", "", KOSHI, "", 2025, "中止", None, ""),
        ("3-1-2", "", KOSHI, "", 2025, "中止", None, ""),  # duplicate of the row above
    )
    assert rejected(data) == [
        (2, "A", "unknown_initiative"),
        (3, "C", "not_participant"),
        (4, "C", "not_yours"),
        (5, "E", "out_of_range"),
        (5, "G", "not_number"),
        (6, "F", "bad_status"),
        (6, "G", "negative"),
        (7, "G", "not_integer"),
        (7, "H", "too_long"),
        (9, "C", "duplicate"),
    ]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"initiative,status\n1-1-1,done\n", "not_xlsx"),
        (workbook(), "empty"),
        (workbook(("1-1-1", "", KOSHI, "", 2025, None, None, "")), "empty"),
        (workbook(headers=("取組", *HEADERS[1:])), "bad_header"),
    ],
)
def test_bad_files(data: bytes, code: str) -> None:
    with pytest.raises(UploadRejected) as caught:
        read(data)
    assert [e.code for e in caught.value.errors] == [code]


def test_a_workbook_without_the_sheet() -> None:
    book = Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(UploadRejected) as caught:
        read(buffer.getvalue())
    assert caught.value.errors == [UploadError("no_sheet", sheet=SHEET)]
