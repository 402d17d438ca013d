"""Settling a usage file: its rows checked for one year and the participants, priced by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.costs.conftest import CODE, HUB
from tests.costs.samples import SCHOOL, SICK_CHILD, WASTE
from toshiken.costs.catalog import Catalog
from toshiken.costs.sickchild import AdditionBand, FacilityCost
from toshiken.costs.terms import (
    SettleKind,
    TermsError,
    parse_additions,
    parse_terms,
    uniform_terms,
)
from toshiken.costs.uploads import Prices, SettleRefused, settle


def totals(settled: object) -> dict[tuple[str, str], int]:
    rows = settled.statements  # type: ignore[attr-defined]
    return {(r["payer"], r["payee"]): r["total_yen"] for r in rows}


def test_sick_child_by_hand(catalog: Catalog) -> None:
    prices = Prices(basic_cost=7_000_000, additions=(AdditionBand(100, 500_000),))
    settled = settle(catalog, SettleKind.SICK_CHILD, 2024, prices, usage=SICK_CHILD.encode())
    # 病児保育室A: N = 203 ≥ 100, cost 7,500,000; 荒尾市 110,837.4… gets the leftover yen
    # こうし病児室: N = 40 < 100, cost 7,000,000 × 4 / 40
    assert totals(settled) == {
        ("荒尾市", "熊本市"): 110_838,
        ("合志市", "熊本市"): 554_187,
        ("熊本市", "合志市"): 700_000,
    }
    assert settled.title == "3-②-イ 病児・病後児保育"
    assert len(settled.records) == 5


def test_waste_by_hand(catalog: Catalog) -> None:
    prices = Prices(yen_per_tonne=Decimal("21450.5"))
    settled = settle(catalog, SettleKind.WASTE, 2024, prices, usage=WASTE.encode())
    # 1,234.567 t × 21,450.5 = 26,482,079.43… → 円未満切捨て; 2,000.1 × 21,450.5 = 42,903,145.05
    assert totals(settled) == {("西原村", "熊本市"): 26_482_079, ("御船町", "熊本市"): 42_903_145}


def test_support_school_by_hand(catalog: Catalog) -> None:
    settled = settle(
        catalog, SettleKind.SUPPORT_SCHOOL, 2024, Prices(cost=7_011_000), usage=SCHOOL.encode()
    )
    assert totals(settled) == {("宇土市", "宇城市"): 1_558_000, ("美里町", "宇城市"): 779_000}


def test_rows_of_another_year_or_outside_the_initiative_are_named(catalog: Catalog) -> None:
    data = SCHOOL.replace("2024,美里町", "2023,美里町") + "2024,荒尾市,2\n2024,宇土市,10\n"
    with pytest.raises(SettleRefused) as caught:
        settle(catalog, SettleKind.SUPPORT_SCHOOL, 2024, Prices(cost=1), usage=data.encode())
    found = {(i.row, i.column, i.reason) for i in caught.value.issues}
    assert found == {
        (4, "年度", "2023年度の行です（2024年度を精算しています）"),
        (5, "利用自治体", "荒尾市はこの取組（3-3-3）の関係市町村ではありません"),
        (6, "利用自治体", "3行目と同じ記録が重複しています"),
    }


def test_missing_prices_are_refused(catalog: Catalog) -> None:
    with pytest.raises(SettleRefused) as caught:
        settle(catalog, SettleKind.WASTE, 2024, Prices(), usage=WASTE.encode())
    assert [i.field for i in caught.value.issues] == ["prices"]


def test_a_prices_file_per_facility(catalog: Catalog) -> None:
    names = {m.code: m.name for m in catalog.vision.municipalities}
    text = """
facilities:
  - provider: 熊本市
    facility: 病児保育室A
    basic_cost: 1000000
    additions: [{min_children: 200, yen: 15000}]
  - {provider: "432164", facility: こうし病児室, basic_cost: 400000}
"""
    terms = parse_terms(text, SettleKind.SICK_CHILD, 2024, names, provider=None)
    assert terms.facilities == (
        FacilityCost(HUB, "病児保育室A", 2024, 1_000_000, (AdditionBand(200, 15_000),)),
        FacilityCost(CODE["合志市"], "こうし病児室", 2024, 400_000, ()),
    )
    settled = settle(
        catalog, SettleKind.SICK_CHILD, 2024, Prices(text=text), usage=SICK_CHILD.encode()
    )
    assert totals(settled)[("熊本市", "合志市")] == 40_000  # 400,000 × 4 / 40


def test_prices_files_and_options_are_checked() -> None:
    names = {CODE["西原村"]: "西原村", HUB: "熊本市"}
    text = "yen_per_tonne: 21000.5\nunit_prices: {東京都: '1', 西原村: '-3'}\nrounding: up\n"
    with pytest.raises(TermsError) as caught:
        parse_terms(text, SettleKind.WASTE, 2024, names, provider=HUB)
    assert len(caught.value.problems) == 4  # float, unknown, negative, rounding
    terms = parse_terms("yen_per_tonne: '21000'\nunit_prices: {西原村: '20000.5'}\n",
                        SettleKind.WASTE, 2024, names, provider=HUB)  # fmt: skip
    assert {p.municipality: p.yen_per_tonne for p in terms.prices} == {
        HUB: Decimal(21000),
        CODE["西原村"]: Decimal("20000.5"),
    }
    assert parse_additions("300:1000000, 100:500000") == (
        AdditionBand(100, 500_000),
        AdditionBand(300, 1_000_000),
    )
    with pytest.raises(TermsError):
        parse_additions("100-500000")
    with pytest.raises(TermsError):
        uniform_terms(SettleKind.SUPPORT_SCHOOL, 2024, [], provider=HUB)
