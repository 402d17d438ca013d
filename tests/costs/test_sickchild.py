"""The 病児・病後児保育 formula, computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.costs.conftest import CODE
from toshiken.costs.model import UsageRecord
from toshiken.costs.settle import SettlementError
from toshiken.costs.sickchild import AdditionBand, FacilityCost, addition_for, settle_sick_child

KUMAMOTO, KOSHI, KIKUYO, OZU = CODE["熊本市"], CODE["合志市"], CODE["菊陽町"], CODE["大津町"]
BANDS = (AdditionBand(50, 1_000_000), AdditionBand(200, 2_000_000), AdditionBand(0, 0))


def used(provider: str, facility: str, user: str, children: int, fy: int = 2024) -> UsageRecord:
    return UsageRecord(fy, user, Decimal(children), provider, facility)


def test_the_addition_follows_the_annual_children() -> None:
    assert addition_for(BANDS, 0) == 0
    assert addition_for(BANDS, 49) == 0
    assert addition_for(BANDS, 50) == 1_000_000
    assert addition_for(BANDS, 200) == 2_000_000
    assert addition_for((), 500) == 0


def test_user_pays_basic_plus_addition_times_its_share_of_children() -> None:
    cost = FacilityCost(KUMAMOTO, "病児保育室A", 2024, basic_cost=5_000_000, additions=BANDS)
    records = [
        used(KUMAMOTO, "病児保育室A", KUMAMOTO, 180),
        used(KUMAMOTO, "病児保育室A", KOSHI, 15),
        used(KUMAMOTO, "病児保育室A", KIKUYO, 5),
    ]
    statements = settle_sick_child(records, [cost])
    # N = 200 → addition 2,000,000; (5,000,000 + 2,000,000) × 15/200 = 525,000; × 5/200 = 175,000
    assert [(s.payer, s.payee, s.fiscal_year, s.total) for s in statements] == [
        (KOSHI, KUMAMOTO, 2024, 525_000),
        (KIKUYO, KUMAMOTO, 2024, 175_000),
    ]
    line = next(s for s in statements if s.payer == KOSHI).lines[0]
    assert line.label == "病児保育室A"
    assert line.explanation == (
        "（基本的費用 5,000,000円 + 加算 2,000,000円） × 利用児童数 15人"
        " / 年間利用児童数 200人 = 525,000円 → 525,000円"
    )


def test_rounding_keeps_the_facility_cost_whole_and_groups_facilities() -> None:
    costs = [
        FacilityCost(KUMAMOTO, "A", 2024, basic_cost=1_000_000),
        FacilityCost(KUMAMOTO, "B", 2024, basic_cost=100),
        FacilityCost(KOSHI, "C", 2024, basic_cost=10),
    ]
    records = [
        used(KUMAMOTO, "A", KUMAMOTO, 1),
        used(KUMAMOTO, "A", OZU, 1),
        used(KUMAMOTO, "A", KIKUYO, 1),
        used(KUMAMOTO, "B", OZU, 2),
        used(KUMAMOTO, "B", KUMAMOTO, 1),
        used(KOSHI, "C", OZU, 1),
        used(KOSHI, "C", KOSHI, 2),
    ]
    statements = {(s.payer, s.payee): s for s in settle_sick_child(records, costs)}
    # A: 1,000,000 / 3 = 333,333.3… each; the spare yen goes to the lowest code (熊本市)
    # B: 100 × 2/3 = 66.6… → 67 for 大津町, 33 for 熊本市
    ozu = statements[(OZU, KUMAMOTO)]
    assert [(line.label, line.yen) for line in ozu.lines] == [("A", 333_333), ("B", 67)]
    assert ozu.total == 333_400
    assert statements[(KIKUYO, KUMAMOTO)].total == 333_333
    # C: 10 × 1/3 = 3.3… → 3 (合志市 keeps 7 for its own two children)
    assert statements[(OZU, KOSHI)].total == 3
    assert (KUMAMOTO, KUMAMOTO) not in statements


def test_fiscal_years_are_settled_apart() -> None:
    costs = [FacilityCost(KUMAMOTO, "A", fy, basic_cost=1000) for fy in (2023, 2024)]
    records = [used(KUMAMOTO, "A", KOSHI, 1, fy) for fy in (2023, 2024)]
    records += [used(KUMAMOTO, "A", KUMAMOTO, 3, 2024)]
    totals = [(s.fiscal_year, s.total) for s in settle_sick_child(records, costs)]
    assert totals == [(2023, 1000), (2024, 250)]


def test_missing_costs_and_providers_are_reported_together() -> None:
    records = [
        used(KUMAMOTO, "A", KOSHI, 1),
        UsageRecord(2024, KOSHI, Decimal(1), None, None, row=7),
    ]
    with pytest.raises(SettlementError) as caught:
        settle_sick_child(records, [])
    assert len(caught.value.problems) == 2
    assert "7行目: 提供自治体と施設が必要です" in caught.value.problems
