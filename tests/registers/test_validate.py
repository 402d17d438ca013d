"""Checking values against a declaration: types, choices, rules, and points inside Kumamoto."""

from __future__ import annotations

from decimal import Decimal

import pytest

from toshiken.registers.geo import in_kumamoto
from toshiken.registers.model import Register
from toshiken.registers.validate import MUNICIPALITY, clean_entry

KOSHI = "432164"


def sighting(**values: str) -> dict[str, str]:
    base = {
        MUNICIPALITY: KOSHI,
        "species": "アライグマ",
        "date": "2025-06-01",
        "address": "合志市竹迫",
    }
    return {**base, **values}


def test_a_good_sighting_is_typed(registers: dict[str, Register], names: dict[str, str]) -> None:
    raw = sighting(time="7:05", count="２", latitude="32.8876", longitude="130.7897", damage="なし")
    cleaned, errors = clean_entry(registers["sightings"], raw, names)
    assert errors == [] and cleaned is not None
    assert cleaned.municipality_code == KOSHI
    assert cleaned.values == {
        "species": "アライグマ", "date": "2025-06-01", "time": "07:05", "count": 2,
        "damage": "なし", "address": "合志市竹迫", "latitude": "32.8876", "longitude": "130.7897",
    }  # fmt: skip


def test_a_municipality_by_name(registers: dict[str, Register], names: dict[str, str]) -> None:
    cleaned, _ = clean_entry(registers["sightings"], sighting(municipality_code="合志市"), names)
    assert cleaned is not None and cleaned.municipality_code == KOSHI


@pytest.mark.parametrize(
    ("latitude", "longitude", "field", "words"),
    [
        ("130.7", "32.8", "latitude longitude", "熊本県内の緯度ではありません"),  # swapped
        ("0", "0", "latitude longitude", "熊本県内の緯度ではありません"),
        ("35.6812", "139.7671", "latitude longitude", "熊本県内の緯度ではありません"),  # Tokyo
        ("33.5902", "130.4017", "latitude", "熊本県内の緯度ではありません"),  # Fukuoka, north
        ("32.8", "131.6", "longitude", "熊本県内の経度ではありません"),  # Ōita side, east
        ("北緯32度", "130.7", "latitude", "数値ではありません"),
    ],
)
def test_coordinates_outside_kumamoto_are_refused(
    registers: dict[str, Register], names: dict[str, str], latitude: str, longitude: str,
    field: str, words: str,
) -> None:  # fmt: skip
    cleaned, errors = clean_entry(
        registers["sightings"], sighting(latitude=latitude, longitude=longitude), names
    )
    assert cleaned is None
    assert [e.field for e in errors] == field.split()
    assert words in errors[0].message


def test_points_across_the_prefecture_are_inside_the_box() -> None:
    for lat, lon in [("32.8031", "130.7079"), ("32.2152", "130.0247"), ("33.1517", "130.6190"),
                     ("32.7937", "131.1219"), ("32.2106", "130.4011")]:  # fmt: skip
        assert in_kumamoto(Decimal(lat), Decimal(lon)), (lat, lon)


def test_a_place_is_an_address_or_both_coordinates(
    registers: dict[str, Register], names: dict[str, str]
) -> None:
    register = registers["sightings"]
    _, errors = clean_entry(register, sighting(address=""), names)
    assert [e.message for e in errors] == ["目撃場所は住所か緯度・経度のどちらかを入力してください"]
    _, errors = clean_entry(register, sighting(address="", latitude="32.9"), names)
    assert [e.message for e in errors] == ["緯度と経度は両方入力してください"]
    cleaned, _ = clean_entry(
        register, sighting(address="", latitude="32.9", longitude="130.8"), names
    )
    assert cleaned is not None


def test_every_error_at_once(registers: dict[str, Register], names: dict[str, str]) -> None:
    raw = {MUNICIPALITY: "福岡市", "species": "クマ", "date": "2025-02-30", "time": "25:00",
           "count": "0", "address": "x"}  # fmt: skip
    cleaned, errors = clean_entry(registers["sightings"], raw, names)
    assert cleaned is None
    assert {e.field: e.message for e in errors} == {
        MUNICIPALITY: "「福岡市」は圏域の市町村ではありません",
        "species": "種類：「クマ」は選択肢（イノシシ、ニホンジカ、アライグマ、その他）にありません",
        "date": "目撃日：日付（2025-04-01）ではありません（「2025-02-30」）",
        "time": "時刻：時刻（09:30）ではありません（「25:00」）",
        "count": "頭数：1以上にしてください（「0」）",
    }


def test_required_fields_and_ordered_dates(
    registers: dict[str, Register], names: dict[str, str]
) -> None:
    drives = registers["food_drives"]
    _, errors = clean_entry(drives, {MUNICIPALITY: KOSHI}, names)
    assert {e.message for e in errors} == {"実施日は必須です", "会場は必須です", "状況は必須です"}
    raw = {MUNICIPALITY: KOSHI, "start_date": "2025/10/5", "end_date": "2025-10-04",
           "venue": "合志市役所", "status": "予定"}  # fmt: skip
    _, errors = clean_entry(drives, raw, names)
    assert [e.message for e in errors] == ["終了日は実施日以降にしてください"]
    cleaned, _ = clean_entry(
        drives, {**raw, "end_date": "2025年10月6日", "weight_kg": "12.50"}, names
    )
    assert cleaned is not None
    assert (
        cleaned.values["start_date"] == "2025-10-05" and cleaned.values["end_date"] == "2025-10-06"
    )
    assert cleaned.values["weight_kg"] == "12.50"


def test_text_keeps_full_width_characters(
    registers: dict[str, Register], names: dict[str, str]
) -> None:
    raw = {MUNICIPALITY: "431001", "name": "横井小楠記念館（四時軒）", "kind": "観光施設",
           "url": "ftp://example.jp"}  # fmt: skip
    _, errors = clean_entry(registers["tourism"], raw, names)
    assert [e.field for e in errors] == ["url"]
    cleaned, _ = clean_entry(registers["tourism"], {**raw, "url": "https://example.jp/"}, names)
    assert cleaned is not None and cleaned.values["name"] == "横井小楠記念館（四時軒）"
