"""The reader's figures equal the document's own, counted independently from the raw text."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from toshiken.vision.model import circled
from toshiken.vision.reader import ReadResult


def test_members_add_up_to_the_area(read_result: ReadResult) -> None:
    members = read_result.vision.municipalities
    assert len(members) == 24
    assert sum(m.population for m in members) == 1_344_725
    assert sum(m.households for m in members) == 592_158
    assert sum(m.area_km2 for m in members) == Decimal("3534.88")
    assert [m.name for m in members if m.is_hub] == ["熊本市"]
    assert read_result.vision.population_as_of.isoformat() == "2024-10-01"


def test_members_carry_codes_readings_and_kinds(read_result: ReadResult) -> None:
    v = read_result.vision
    koshi = v.municipality("合志市")
    assert (koshi.code, koshi.reading, koshi.kind) == ("432164", "コウシシ", "市")
    assert v.municipality("434477").reading == "ヤマトチョウ"
    assert Counter(m.kind for m in v.municipalities) == {"市": 9, "町": 13, "村": 2}


def test_tree_counts(read_result: ReadResult) -> None:
    v = read_result.vision
    assert len(v.pillars) == 3
    assert [sum(1 for p in v.policies if p.pillar == n) for n in (1, 2, 3)] == [3, 3, 22]
    assert len(v.initiatives) == 69
    assert len(v.kpis) == 13


def test_policy_numbers_follow_the_overview(read_result: ReadResult) -> None:
    pillar3 = [p for p in read_result.vision.policies if p.pillar == 3]
    assert [p.number for p in pillar3] == list(range(1, 23))
    by_number = {p.number: p.title for p in pillar3}
    assert by_number[16] == "ICTを活用した広域的な情報発信"
    assert by_number[19] == "都市と農村の交流の促進"
    assert by_number[21] == "職員の育成"
    assert by_number[22] == "機関等の共同設置"
    categories = {p.number: (p.agreement_category, p.agreement_field) for p in pillar3}
    assert categories[2] == ("A", "福祉")
    assert categories[16] == ("B", "ICTインフラ")
    assert categories[22] == ("C", "その他")


def test_every_heading_repair_is_reported(read_result: ReadResult) -> None:
    repairs = [f for f in read_result.report.findings if f.level == "repair"]
    headings = [f for f in repairs if "policy heading" in f.message]
    assert [f.line for f in headings] == [1841, 1962, 2081, 2137]
    assert all(
        f"read as {circled(n)}" in f.message
        for f, n in zip(headings, (16, 19, 21, 22), strict=True)
    )


def test_budgets_equal_the_document_rows(read_result: ReadResult, vision_text: str) -> None:
    """Sum the figure rows straight from the text, without the reader, and compare."""
    lines = vision_text.split("\n")
    rows = [lines[i + 1] for i, line in enumerate(lines) if line.startswith("事業費")]
    stated_totals = []
    for row in rows:
        cells = row.split("\t")
        stated_totals.append(int(cells[6].replace(",", "")))
    v = read_result.vision
    assert [i.budget_total for i in v.initiatives] == stated_totals
    assert sum(i.budget_total for i in v.initiatives) == sum(stated_totals) == 15_646_448
    for i in v.initiatives:
        assert sum(a for a in i.budget.values() if a is not None) == i.budget_total


def test_blank_budget_cells_are_not_zero(read_result: ReadResult) -> None:
    sdgs = next(i for i in read_result.vision.initiatives if i.title == "SDGsパートナー事業")
    assert sdgs.budget[2021] is None
    assert sdgs.budget[2022] == 5_992


def test_participation_equals_the_document(read_result: ReadResult, vision_text: str) -> None:
    names = [m.name for m in read_result.vision.municipalities]
    expected = Counter[str]()
    for line in vision_text.split("\n"):
        if line.startswith("関係市町村\t"):
            cell = line.split("\t")[1]
            listed = names if cell == "全市町村" else cell.split("、")
            expected.update(listed)
    v = read_result.vision
    got = Counter({m.name: 0 for m in v.municipalities})
    for i in v.initiatives:
        got.update(v.municipality(c).name for c in i.participants)
    assert got == expected
    assert got["熊本市"] == 69


def test_initiative_fields(read_result: ReadResult) -> None:
    v = read_result.vision
    sick = next(i for i in v.initiatives if i.id == "3-2-2")
    assert sick.title == "病児・病後児保育における圏域住民の利用"
    assert sick.label == "3-②-イ"
    assert len(sick.participants) == 18 and not sick.all_members
    assert "基本的費用" in sick.cost_sharing
    assert sick.hub_role.startswith("病児・病後児保育事業について")
    waste = next(i for i in v.initiatives if i.id == "3-5-4")
    assert [(s.label, s.years) for s in waste.schedule] == [
        ("委託料決定", (2023,)),
        ("法的手続き", (2024,)),
        ("可燃ごみ受け入れ", (2025,)),
    ]
    pamphlet = next(i for i in v.initiatives if i.id == "3-6-2")
    assert pamphlet.schedule[1].years == (2023, 2024, 2025)


def test_kpis(read_result: ReadResult) -> None:
    kpis = read_result.vision.kpis
    assert [k.level for k in kpis].count("pillar") == 4
    assert [k.level for k in kpis].count("policy") == 6
    assert [k.field for k in kpis if k.level == "field"] == ["A", "B", "C"]
    gdp = kpis[0]
    assert (gdp.baseline, gdp.target, gdp.target_period, gdp.unit) == (
        Decimal(5094158),
        Decimal(5110000),
        "2022",
        "百万円",
    )
    assert gdp.source == "熊本県「市町村民経済計算」"
    births = next(k for k in kpis if k.name == "圏域出生数")
    assert (births.target_kind, births.target, births.base_period) == ("maintain", 11381, "2019")


def test_statistics_tables(read_result: ReadResult) -> None:
    tables = {t.key: t for t in read_result.vision.tables}
    assert set(tables) == {
        "medical_institutions",
        "emergency_patients",
        "universities",
        "transport_usage",
        "libraries",
        "sick_child_facilities",
    }
    assert len(tables["libraries"].rows) == 24
    assert tables["libraries"].as_of == "2024-03-31"
    assert tables["emergency_patients"].rows[-1][-1] == "118,355"
    assert sum(int(r[1]) for r in tables["sick_child_facilities"].rows) == 27
    assert tables["transport_usage"].rows[0][1] == "7,220,500 台/年"


def test_revision_history(read_result: ReadResult) -> None:
    assert re.match(r"令和7年", read_result.vision.revision)
    assert len(read_result.vision.revisions) == 11
