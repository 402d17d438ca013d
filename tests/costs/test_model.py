"""The value types: population sets from the vision, weights, allocation results."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from types import SimpleNamespace

import pytest

from toshiken.costs.model import PopulationSet, Statement, StatementLine, Weights


def test_population_set_from_the_vision() -> None:
    vision = SimpleNamespace(
        population_as_of=date(2024, 10, 1),
        population_source="熊本県推計人口調査",
        municipalities=(
            SimpleNamespace(code="431001", name="熊本市", population=737409),
            SimpleNamespace(code="432041", name="荒尾市", population=48294),
        ),
    )
    people = PopulationSet.from_vision(vision)
    assert people.populations == {"431001": 737409, "432041": 48294}
    assert people.as_of == date(2024, 10, 1)
    assert people.name == "熊本県推計人口調査（2024-10-01）"


def test_weights_normalise_and_refuse_nonsense() -> None:
    assert Weights(Fraction(1), Fraction(3)).normalised() == (Fraction(1, 4), Fraction(3, 4))
    with pytest.raises(ValueError):
        Weights(Fraction(0), Fraction(0))
    with pytest.raises(ValueError):
        Weights(Fraction(-1), Fraction(2))


def test_statement_total_adds_its_lines() -> None:
    lines = (StatementLine("A", Fraction(2), 100, ""), StatementLine("B", Fraction(1), 23, ""))
    assert Statement("3-2-2", 2024, "432164", "431001", lines).total == 123
