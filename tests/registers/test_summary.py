"""The area-wide summary: entries by species, month and municipality, and its chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from toshiken.registers.chart import stacked_bars
from toshiken.registers.model import Entry, Register
from toshiken.registers.summary import as_dict, tally

KOSHI, ARAO, KUMAMOTO = "432164", "432041", "431001"


def sightings() -> list[Entry]:
    rows = [
        (KOSHI, "アライグマ", "2025-05-03", 2), (KOSHI, "アライグマ", "2025-05-20", 1),
        (ARAO, "イノシシ", "2025-05-09", 4), (KOSHI, "イノシシ", "2025-06-01", None),
        (KUMAMOTO, "アライグマ", "2025-06-30", 1), (ARAO, "アライグマ", "2024-12-31", 3),
    ]  # fmt: skip
    return [
        Entry(n, "sightings", code, {"species": s, "date": d, **({"count": c} if c else {})})
        for n, (code, s, d, c) in enumerate(rows, start=1)
    ]


def test_counts_by_species_month_and_municipality(
    registers: dict[str, Register], names: dict[str, str]
) -> None:
    t = tally(registers["sightings"], sightings(), names)
    assert t.months == ("2024-12", "2025-05", "2025-06")
    assert t.municipalities == (KUMAMOTO, ARAO, KOSHI)  # the members' order
    data = as_dict(t, names)
    assert data["total"] == {"entries": 6, "total": 11}
    assert data["by_group"] == {
        "イノシシ": {"entries": 2, "total": 4}, "ニホンジカ": {"entries": 0, "total": 0},
        "アライグマ": {"entries": 4, "total": 7}, "その他": {"entries": 0, "total": 0},
    }  # fmt: skip
    assert data["by_month"] == [
        {"month": "2024-12", "group": "アライグマ", "entries": 1, "total": 3},
        {"month": "2025-05", "group": "アライグマ", "entries": 2, "total": 3},
        {"month": "2025-05", "group": "イノシシ", "entries": 1, "total": 4},
        {"month": "2025-06", "group": "アライグマ", "entries": 1, "total": 1},
        {"month": "2025-06", "group": "イノシシ", "entries": 1, "total": 0},
    ]
    koshi = [r for r in data["by_municipality"] if r["municipality_code"] == KOSHI]  # type: ignore[union-attr,index]
    place = {"municipality_code": KOSHI, "municipality": "合志市"}
    assert koshi == [
        {**place, "group": "イノシシ", "entries": 1, "total": 0},
        {**place, "group": "アライグマ", "entries": 2, "total": 3},
    ]


def test_the_chart_is_accessible_svg(registers: dict[str, Register], names: dict[str, str]) -> None:
    t = tally(registers["sightings"], sightings(), names)
    svg = stacked_bars(t, "月別の件数", "月ごとの件数の棒グラフ")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-t chart-d"
    assert root.find(f"{ns}title").text == "月別の件数"  # type: ignore[union-attr]
    bars = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert len(bars) == 5  # one a (month, species) with entries
    heights = {r.find(f"{ns}title").text: float(r.get("height", 0)) for r in bars}  # type: ignore[union-attr]
    assert heights["2025-05 アライグマ: 2"] == pytest.approx(
        2 * heights["2024-12 アライグマ: 1"], abs=0.2
    )
