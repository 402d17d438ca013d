"""Population files: every bad cell is reported with its row and column, and nothing is kept."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from tests.costs.conftest import HUB, MEMBERS
from toshiken.costs.populations import (
    PopulationFileError,
    parse_population_file,
    vision_population,
)
from toshiken.vision.model import Vision

AS_OF = date(2025, 10, 1)


def csv_bytes(rows: list[tuple[str, str]], header: str = "市町村,人口") -> bytes:
    lines = [header, *(f'{a},"{b}"' for a, b in rows)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def good_rows() -> list[tuple[str, str]]:
    return [(name, f"{people + 1:,}") for _, name, people in MEMBERS]


def parse(data: bytes, names: dict[str, str]) -> object:
    return parse_population_file(data, names, name="R7推計", as_of=AS_OF, source="熊本県")


def problems(data: bytes, names: dict[str, str]) -> set[tuple[int, str, str]]:
    with pytest.raises(PopulationFileError) as caught:
        parse(data, names)
    return {(p.row, p.column, p.reason) for p in caught.value.problems}


def test_a_good_file_gives_every_member(names: dict[str, str]) -> None:
    found = parse_population_file(
        csv_bytes(good_rows()), names, name=" R7推計 ", as_of=AS_OF, source="熊本県"
    )
    assert found.name == "R7推計" and found.as_of == AS_OF
    assert found.populations[HUB] == 737_410
    assert list(found.populations) == [code for code, _, _ in MEMBERS]


def test_codes_work_and_xlsx_too(names: dict[str, str]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["団体コード", "人口"])
    for code, _, people in MEMBERS:
        sheet.append([code, people])
    buffer = io.BytesIO()
    book.save(buffer)
    found = parse_population_file(buffer.getvalue(), names, name="x", as_of=AS_OF, source="y")
    assert sum(found.populations.values()) == 1_344_725


def test_bad_rows_are_each_named(names: dict[str, str]) -> None:
    rows = good_rows()
    rows[1] = ("荒尾市", "")  # row 3: missing population
    rows[2] = ("玉名市", "-5")  # row 4
    rows[3] = ("山鹿市", "46,186.5")  # row 5
    rows[4] = ("東京都", "100")  # row 6: and 菊池市 is then missing
    rows.append(("熊本市", "1"))  # row 26: duplicate
    found = problems(csv_bytes(rows), names)
    assert (3, "人口", "人口がありません") in found
    assert (4, "人口", "負の値です: -5") in found
    assert (5, "人口", "整数ではありません: 46,186.5") in found
    assert (6, "市町村", "市町村名・団体コードとして知られていません: '東京都'") in found
    assert (26, "市町村", "2行目と同じ市町村が重複しています") in found
    assert (0, "人口", "菊池市（432105）の人口がありません") in found
    assert len(found) == 6


def test_a_missing_column_is_named(names: dict[str, str]) -> None:
    found = problems(csv_bytes(good_rows(), header="市町村,世帯数"), names)
    assert found == {(1, "人口", "列がありません")}
    assert problems(b"\xff\xfe", names) == {
        (0, "ファイル", "UTF-8 として読めません（Excel では「CSV UTF-8」で保存してください）")
    }


def test_the_vision_set_names_its_date_and_source(vision: Vision) -> None:
    found = vision_population(vision)
    assert found.as_of == date(2024, 10, 1)
    assert "2024-10-01" in found.name and found.source.startswith("熊本県推計人口調査")
    assert sum(found.populations.values()) == 1_344_725
