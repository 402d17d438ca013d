"""Allocation by kind: the laws every split obeys, and hand-computed examples."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.costs.conftest import CODE, HUB
from toshiken.costs.allocate import (
    DEFAULT_WEIGHTS,
    AllocationError,
    allocate,
    allocate_with,
    compare,
    prepare,
)
from toshiken.costs.model import CostComponent, PopulationSet, Rounding, RuleKind, Weights

POPULATION = CostComponent("インターネット放送の委託に要する費用", RuleKind.POPULATION_RATIO)
EQUAL_PLUS = CostComponent("協議会の開催に要する費用", RuleKind.EQUAL_PLUS_POPULATION)
HUB_PAYS = CostComponent("講座の開催に要する費用", RuleKind.HUB_PAYS, payers=("熊本市",))


def people(populations: dict[str, int]) -> PopulationSet:
    return PopulationSet("テスト", date(2024, 10, 1), "テスト", populations)


codes = st.text("0123456789", min_size=6, max_size=6)
populations = st.dictionaries(codes, st.integers(0, 4_000_000), min_size=1, max_size=60).filter(
    lambda p: sum(p.values()) > 0
)
amounts = st.integers(0, 10**11)


@given(populations, amounts, st.sampled_from([POPULATION, EQUAL_PLUS]), st.randoms())
def test_parts_add_up_stay_within_a_yen_and_ignore_order(
    pops: dict[str, int], amount: int, component: CostComponent, rnd: object
) -> None:
    members = sorted(pops)
    result = allocate(component, amount, members, people(pops))
    assert sum(result.parts) == amount
    assert all(part >= 0 for part in result.parts)
    for c in result.contributions:
        assert abs(c.yen - c.share) < 1
    shuffled = list(members)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert allocate(component, amount, shuffled, people(pops)).by_code == result.by_code


@given(populations, amounts)
def test_a_larger_population_never_pays_less(pops: dict[str, int], amount: int) -> None:
    paid = allocate(POPULATION, amount, sorted(pops), people(pops)).by_code
    for a in pops:
        for b in pops:
            if pops[a] > pops[b]:
                assert paid[a] >= paid[b]


@given(populations, amounts, st.data())
def test_remainder_to_hub_adds_up_and_only_the_hub_rounds_up(
    pops: dict[str, int], amount: int, data: st.DataObject
) -> None:
    members = sorted(pops)
    hub = data.draw(st.sampled_from(members))
    result = allocate(
        POPULATION, amount, members, people(pops), hub=hub, rounding=Rounding.REMAINDER_TO_HUB
    )
    assert sum(result.parts) == amount
    for c in result.contributions:
        assert c.yen == int(c.share) or c.code == hub


def test_population_ratio_by_hand(population: PopulationSet) -> None:
    # 3-⑯-ウ: 熊本市 737,409 + 大津町 35,997 + 益城町 33,261 = 806,667
    members = [CODE["熊本市"], CODE["大津町"], CODE["益城町"]]
    result = allocate(POPULATION, 1_000_000, members, population)
    # exact 914,143.01…, 44,624.36…, 41,232.62…: floors leave 1 yen, to the largest remainder
    assert result.parts == (914_143, 44_624, 41_233)
    assert result.contributions[0].explanation == (
        "人口 737,409 / 806,667 × 1,000,000円 = 914,143.0…円 → 914,143円"
    )
    to_hub = allocate(
        POPULATION, 1_000_000, members, population, hub=HUB, rounding=Rounding.REMAINDER_TO_HUB
    )
    assert to_hub.parts == (914_144, 44_624, 41_232)
    assert to_hub.contributions[0].explanation.endswith("→ 914,144円（端数 1円を加算）")


def test_equal_plus_population_by_hand() -> None:
    pops = people({"000001": 100, "000002": 300})
    assert DEFAULT_WEIGHTS.normalised() == (Fraction(1, 2), Fraction(1, 2))
    # 1,000 × 1/2 ÷ 2 = 250 each; 1,000 × 1/2 × 100/400 = 125 and × 300/400 = 375
    assert allocate(EQUAL_PLUS, 1000, ["000001", "000002"], pops).parts == (375, 625)
    custom = Weights(equal=Fraction(3, 10), population=Fraction(7, 10))
    # 150 each + 700 × 1/4 = 175, 700 × 3/4 = 525
    assert allocate(EQUAL_PLUS, 1000, ["000001", "000002"], pops, weights=custom).parts == (
        325,
        675,
    )
    from_rule = replace(EQUAL_PLUS, weights=Weights(Fraction(1), Fraction(0)))
    assert allocate(from_rule, 1000, ["000001", "000002"], pops).parts == (500, 500)
    line = allocate(EQUAL_PLUS, 1000, ["000001", "000002"], pops).contributions[0].explanation
    assert line == (
        "均等割 1,000円 × 50% ÷ 2 = 250円 + 人口割 1,000円 × 50% × 100 / 400 = 125円"
        " 計 375円 → 375円"
    )


def test_usage_based_by_hand_with_decimal_tonnes() -> None:
    tonnes = CostComponent("処理費用", RuleKind.USAGE_BASED, measure=None)
    usage = {"000001": Decimal("1234.567"), "000002": Decimal("765.433")}
    result = allocate(tonnes, 2_000_000, ["000001", "000002"], usage=usage)
    assert result.parts == (1_234_567, 765_433)
    absent = allocate(tonnes, 900, ["000001", "000002", "000003"], usage={"000001": 2, "000002": 1})
    assert absent.parts == (600, 300, 0)


def test_hub_pays_everything(population: PopulationSet) -> None:
    members = [HUB, CODE["荒尾市"], CODE["玉名市"]]
    result = allocate(HUB_PAYS, 1_234_567, members, hub=HUB)
    assert result.parts == (1_234_567, 0, 0)
    assert result.unassigned == 0
    assert result.contributions[1].explanation == "熊本市が負担するため負担なし → 0円"


def test_prefecture_shares_charge_the_members_part_to_the_hub() -> None:
    rist = CostComponent("RIST", RuleKind.PREFECTURE_SHARES, payers=("熊本市", "熊本県"))
    result = allocate(rist, 800_000, [HUB, CODE["荒尾市"]], hub=HUB)
    assert result.parts == (800_000, 0)
    assert "熊本市・熊本県が負担" in result.contributions[0].explanation


@pytest.mark.parametrize(
    "kind",
    [RuleKind.EACH_PAYS_OWN, RuleKind.BY_AGREEMENT, RuleKind.TO_BE_NEGOTIATED, RuleKind.NONE],
)
def test_kinds_without_a_transfer_charge_nobody(kind: RuleKind) -> None:
    component = CostComponent(
        "費用", kind, instrument="協定書" if kind is RuleKind.BY_AGREEMENT else None
    )
    result = allocate(component, 500_000, [HUB, CODE["荒尾市"]], hub=HUB)
    assert result.parts == (0, 0)
    assert result.unassigned == 500_000
    assert all(c.explanation.endswith("→ 0円") for c in result.contributions)


def test_the_allocation_names_its_population_set(population: PopulationSet) -> None:
    result = allocate(POPULATION, 10, [HUB], population)
    assert result.basis.population_name == "熊本県推計人口調査（2024-10-01）"
    assert result.parts == (10,)


def test_a_prepared_basis_serves_many_amounts(population: PopulationSet) -> None:
    basis = prepare(POPULATION, [code for code in population.populations], population)
    for amount in (0, 1, 23, 1_000_000, 99_999_999_999):
        assert sum(allocate_with(basis, amount).parts) == amount


def test_what_if_population_weights_and_members(population: PopulationSet) -> None:
    members = [HUB, CODE["大津町"], CODE["益城町"]]
    before = allocate(POPULATION, 1_000_000, members, population)
    grown = people({**population.populations, CODE["大津町"]: 45_997})
    after = allocate(POPULATION, 1_000_000, members, grown)
    changes = {c.code: c.delta for c in compare(before, after)}
    assert changes[CODE["大津町"]] > 0 > changes[HUB]
    assert sum(changes.values()) == 0
    weighted = compare(
        allocate(EQUAL_PLUS, 900, members, population),
        allocate(EQUAL_PLUS, 900, members, population, weights=Weights(Fraction(1), Fraction(0))),
    )
    assert [c.after for c in weighted] == [300, 300, 300]
    joined = compare(
        before, allocate(POPULATION, 1_000_000, [*members, CODE["菊陽町"]], population)
    )
    assert joined[-1].code == CODE["菊陽町"] and joined[-1].before == 0 and joined[-1].after > 0
    left = compare(before, allocate(POPULATION, 1_000_000, members[:2], population))
    assert left[2].after == 0 and left[2].delta == -41_233


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"participants": []}, "空"),
        ({"participants": [HUB, HUB]}, "重複"),
        ({"participants": ["999999"]}, "999999"),
        ({"component": HUB_PAYS, "hub": None}, "hub"),
        ({"amount": -1}, "0以上"),
        ({"rounding": Rounding.REMAINDER_TO_HUB, "hub": "432067"}, "hub"),
    ],
)
def test_errors_name_the_cause(
    population: PopulationSet, kwargs: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {
        "component": POPULATION,
        "amount": 1000,
        "participants": [HUB, CODE["荒尾市"]],
        "population": population,
        "hub": HUB,
        "rounding": Rounding.LARGEST_REMAINDER,
    } | kwargs
    with pytest.raises(AllocationError, match=message):
        allocate(**args)  # type: ignore[arg-type]


def test_usage_errors() -> None:
    usage_rule = CostComponent("費用", RuleKind.USAGE_BASED)
    with pytest.raises(AllocationError, match="関係市町村でない"):
        allocate(usage_rule, 10, ["000001"], usage={"000002": 1})
    with pytest.raises(AllocationError, match="Decimal"):
        allocate(usage_rule, 10, ["000001"], usage={"000001": 1.5})  # type: ignore[dict-item]
    with pytest.raises(AllocationError, match="合計が0"):
        allocate(usage_rule, 10, ["000001"], usage={"000001": 0})
    assert allocate(usage_rule, 0, ["000001"], usage={"000001": 0}).parts == (0,)
    with pytest.raises(AllocationError, match="人口データ"):
        allocate(POPULATION, 10, ["000001"])
