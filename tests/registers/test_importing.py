"""Import plans: every row checked, every problem named by row and column, or nothing at all."""

from __future__ import annotations

import pytest

from toshiken.registers.files import read_csv, read_xlsx, write_csv, write_xlsx
from toshiken.registers.importing import ImportRejected, plan_import
from toshiken.registers.model import Register

KOSHI, ARAO = "432164", "432041"
HEADER = [
    "ID",
    "全国地方公共団体コード",
    "市町村名",
    "種類",
    "目撃日",
    "時刻",
    "頭数",
    "目撃場所（住所）",
]


def everyone(code: str) -> bool:
    return True


def test_new_rows_and_replaced_rows(registers: dict[str, Register], names: dict[str, str]) -> None:
    grid = [
        HEADER,
        ["", KOSHI, "合志市", "アライグマ", "2025-06-01", "", "1", "合志市竹迫"],
        ["", "", "荒尾市", "イノシシ", "2025-06-02", "18:30", "3", "荒尾市"],
        ["7", KOSHI, "", "ニホンジカ", "2025-06-03", "", "", "合志市"],
        ["", "", "", "", "", "", "", ""],  # a blank row is skipped
    ]
    plan = plan_import(registers["sightings"], grid, names, {7: KOSHI}, everyone)
    assert [(entry_id, c.municipality_code) for entry_id, c in plan] == [
        (None, KOSHI), (None, ARAO), (7, KOSHI)
    ]  # fmt: skip
    assert plan[1][1].values["time"] == "18:30"


def test_bad_rows_are_named_by_row_and_column(
    registers: dict[str, Register], names: dict[str, str]
) -> None:
    grid = [
        HEADER,
        ["", KOSHI, "", "アライグマ", "2025-06-01", "", "1", "合志市竹迫"],
        ["", KOSHI, "", "クマ", "2025-06-01", "", "many", "合志市"],
        ["99", "999999", "", "イノシシ", "", "", "", "x"],
    ]
    with pytest.raises(ImportRejected) as caught:
        plan_import(registers["sightings"], grid, names, {7: KOSHI}, everyone)
    found = [(e.row, e.column, e.header) for e in caught.value.errors]
    assert found == [
        (3, "D", "種類"), (3, "G", "頭数"),
        (4, "A", "ID"), (4, "B", "全国地方公共団体コード"), (4, "E", "目撃日"),
    ]  # fmt: skip
    assert str(caught.value.errors[0]).startswith("3行目・D列（種類）：種類：「クマ」は選択肢")


def test_unknown_and_missing_columns(registers: dict[str, Register], names: dict[str, str]) -> None:
    grid = [["種類", "色", "species"], ["アライグマ", "黒", "イノシシ"]]
    with pytest.raises(ImportRejected) as caught:
        plan_import(registers["sightings"], grid, names, {}, everyone)
    messages = [str(e) for e in caught.value.errors]
    assert "1行目・B列（色）：この登録簿にない項目です" in messages
    assert "1行目・C列（species）：同じ項目の列が2つあります" in messages
    assert any("市町村の列" in m for m in messages)
    assert any("目撃日" in m and "必須項目の列がありません" in m for m in messages)


def test_staff_may_import_only_their_own_municipality(
    registers: dict[str, Register], names: dict[str, str]
) -> None:
    grid = [
        HEADER,
        ["", KOSHI, "", "アライグマ", "2025-06-01", "", "", "合志市"],
        ["", ARAO, "", "アライグマ", "2025-06-01", "", "", "荒尾市"],
        ["8", KOSHI, "", "アライグマ", "2025-06-01", "", "", "合志市"],  # moves Arao's entry
    ]
    with pytest.raises(ImportRejected) as caught:
        plan_import(registers["sightings"], grid, names, {8: ARAO}, lambda code: code == KOSHI)
    assert [str(e) for e in caught.value.errors] == [
        "3行目・B列（全国地方公共団体コード）：荒尾市の登録は変更できません",
        "4行目・A列（ID）：ID 8 は荒尾市の登録です",
    ]


def test_headers_by_key_or_english_label(
    registers: dict[str, Register], names: dict[str, str]
) -> None:
    grid = [
        ["municipality", "Species", "date", "Place (address)"],
        ["宇土市", "その他", "2025-01-09", "宇土市"],
    ]
    plan = plan_import(registers["sightings"], grid, names, {}, everyone)
    assert plan[0][1].municipality_code == "432113"


def test_csv_and_excel_round_trip() -> None:
    rows = [[1, "432164", "合志市", "アライグマ", "2025-06-01", None, 2, True]]
    headers = ["ID", "全国地方公共団体コード", "市町村名", "種類", "目撃日", "時刻", "頭数", "x"]
    data = write_csv(headers, rows)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    expected = [headers, ["1", "432164", "合志市", "アライグマ", "2025-06-01", "", "2", "true"]]
    assert read_csv(data) == expected
    assert read_csv(data.decode("utf-8-sig").encode("cp932")) == expected
    assert read_xlsx(write_xlsx("目撃情報", headers, rows)) == expected
