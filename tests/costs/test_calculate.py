"""The calculator's inputs are checked by name, and its figures are the hand-computed ones."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from tests.costs.conftest import CODE, HUB
from toshiken.costs.calculate import (
    InputError,
    Scenario,
    calculate,
    parse_members,
    parse_request,
    parse_weights,
)
from toshiken.costs.catalog import Catalog
from toshiken.costs.model import PopulationSet, Rounding, Weights


def fields(error: pytest.ExceptionInfo[InputError]) -> set[str]:
    return {e.field for e in error.value.errors}


def test_an_empty_amount_takes_the_fiscal_years_budget(catalog: Catalog) -> None:
    rule, initiative = catalog.rule("3-3-5"), catalog.initiative("3-3-5")
    request = parse_request(rule, initiative, amount="", fy="2024")
    assert (request.amount, request.from_budget, request.component) == (68_180_000, True, 0)
    typed = parse_request(rule, initiative, amount="１,０００円", fy="2024", rounding="hub")
    assert (typed.amount, typed.from_budget, typed.rounding) == (
        1000,
        False,
        Rounding.REMAINDER_TO_HUB,
    )


def test_bad_inputs_are_named_all_at_once(catalog: Catalog) -> None:
    rule, initiative = catalog.rule("3-3-5"), catalog.initiative("3-3-5")
    with pytest.raises(InputError) as caught:
        parse_request(rule, initiative, amount="-5", fy="1999", component="3", rounding="up")
    assert fields(caught) == {"amount", "fy", "component", "rounding"}
    with pytest.raises(InputError) as caught:
        parse_request(rule, initiative, amount="1.5", fy=None)
    assert fields(caught) == {"amount"}
    with pytest.raises(InputError) as caught:
        parse_request(rule, initiative, amount="", fy=None)
    assert fields(caught) == {"amount"}


def test_a_year_without_a_budget_figure_is_named(catalog: Catalog) -> None:
    initiative = next(i for i in catalog.vision.initiatives if None in i.budget.values())
    year = next(fy for fy, v in initiative.budget.items() if v is None)
    with pytest.raises(InputError) as caught:
        parse_request(catalog.rule(initiative.id), initiative, amount=None, fy=str(year))
    assert fields(caught) == {"fy"}


def test_weights_and_members_are_checked() -> None:
    assert parse_weights("", "") is None
    assert parse_weights("3", "7") == Weights(Fraction(3), Fraction(7))
    with pytest.raises(InputError) as caught:
        parse_weights("0", "0")
    assert fields(caught) == {"equal_weight"}
    with pytest.raises(InputError) as caught:
        parse_weights("a", "1")
    assert fields(caught) == {"equal_weight"}
    names = {code: name for name, code in CODE.items()}
    assert parse_members(["玉名市,431001"], names) == (HUB, CODE["玉名市"])
    with pytest.raises(InputError) as caught:
        parse_members(["東京都"], names)
    assert fields(caught) == {"members"}


def test_population_ratio_by_hand(catalog: Catalog, population: PopulationSet) -> None:
    rule, initiative = catalog.rule("3-3-5"), catalog.initiative("3-3-5")
    request = parse_request(rule, initiative, amount=None, fy="2024")
    result = calculate(initiative, rule, request, Scenario(population), hub=HUB)
    by_code = result.allocation.by_code
    # 68,180,000 × 737,409 / 1,173,381 = 42,847,587.93… ; 61,464 → 3,571,402.17…
    assert by_code[HUB] == 42_847_588
    assert by_code[CODE["玉名市"]] == 3_571_402
    assert sum(by_code.values()) == 68_180_000
    assert result.allocation.basis.population_name == population.name


def test_a_population_set_lacking_a_member_names_the_parameter(
    catalog: Catalog, population: PopulationSet
) -> None:
    rule, initiative = catalog.rule("3-3-5"), catalog.initiative("3-3-5")
    partial = PopulationSet("一部", population.as_of, "test", {HUB: 1})
    request = parse_request(rule, initiative, amount="100", fy=None)
    with pytest.raises(InputError) as caught:
        calculate(initiative, rule, request, Scenario(partial), hub=HUB)
    assert fields(caught) == {"population"}


def test_usage_without_figures_names_the_year(catalog: Catalog, population: PopulationSet) -> None:
    rule, initiative = catalog.rule("3-3-3"), catalog.initiative("3-3-3")
    request = parse_request(rule, initiative, amount="7000", fy="2024")
    with pytest.raises(InputError) as caught:
        calculate(initiative, rule, request, Scenario(population), hub=HUB)
    assert fields(caught) == {"fy"}
    usage = {CODE["宇城市"]: Decimal(30), CODE["宇土市"]: Decimal(10), CODE["荒尾市"]: Decimal(5)}
    result = calculate(initiative, rule, request, Scenario(population), hub=HUB, usage=usage)
    assert result.allocation.by_code[CODE["宇城市"]] == 5250  # 7,000 × 30 / 40
    assert result.allocation.by_code[CODE["宇土市"]] == 1750
    assert result.notes and CODE["荒尾市"] in result.notes[0]  # not a participant: left out


def test_without_the_hub_a_hub_rounding_is_refused(
    catalog: Catalog, population: PopulationSet
) -> None:
    rule, initiative = catalog.rule("3-3-5"), catalog.initiative("3-3-5")
    request = parse_request(rule, initiative, amount="100", fy=None, rounding="hub")
    scenario = Scenario(population, members=(CODE["玉名市"], CODE["山鹿市"]))
    with pytest.raises(InputError) as caught:
        calculate(initiative, rule, request, scenario, hub=HUB)
    assert fields(caught) == {"members"}
