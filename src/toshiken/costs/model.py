"""Cost rules, population sets and allocation results as typed values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Protocol

from toshiken.costs import explain
from toshiken.costs.kinds import SHARED_KINDS, Rounding, RuleKind, UsageMeasure
from toshiken.costs.split import Splitter

__all__ = [
    "SHARED_KINDS",
    "Allocation",
    "Basis",
    "Change",
    "Contribution",
    "CostComponent",
    "CostRule",
    "PopulationSet",
    "Rounding",
    "RuleKind",
    "Statement",
    "StatementLine",
    "UsageMeasure",
    "UsageRecord",
    "Weights",
]


@dataclass(frozen=True)
class Weights:
    """均等割 and 人口割 weights of an equal-plus-population rule (normalised on use)."""

    equal: Fraction
    population: Fraction

    def __post_init__(self) -> None:
        if self.equal < 0 or self.population < 0 or self.equal + self.population == 0:
            raise ValueError("weights must be non-negative and not both zero")

    def normalised(self) -> tuple[Fraction, Fraction]:
        whole = self.equal + self.population
        return self.equal / whole, self.population / whole


@dataclass(frozen=True)
class CostComponent:
    """One part of an initiative's cost rule: what it covers and how it is borne."""

    scope: str  # the costs it covers, as the vision words them
    kind: RuleKind
    measure: UsageMeasure | None = None  # usage_based
    instrument: str | None = None  # by_agreement: 協定書, 規約, 地方自治法第244条の3 …
    payers: tuple[str, ...] = ()  # hub_pays / prefecture_shares: names, e.g. ("熊本市", "熊本県")
    provider: str | None = None  # usage_based: the municipality that is paid, when fixed
    weights: Weights | None = None  # equal_plus_population; None = the allocator's default
    note: str | None = None


@dataclass(frozen=True)
class CostRule:
    """An initiative's 費用負担 row: its text as printed and its classification."""

    initiative_id: str
    text: str  # plain text: HTML tags stripped, whitespace collapsed (see rules.plain_text)
    components: tuple[CostComponent, ...]
    title: str = ""

    @property
    def kinds(self) -> tuple[RuleKind, ...]:
        return tuple(c.kind for c in self.components)


class Member(Protocol):
    """A municipality with its population (toshiken.vision.model.Municipality is one)."""

    @property
    def code(self) -> str: ...

    @property
    def population(self) -> int: ...


class PopulationTable(Protocol):
    """Where a vision keeps its base-data table (toshiken.vision.model.Vision is one)."""

    @property
    def population_as_of(self) -> date: ...

    @property
    def population_source(self) -> str: ...

    @property
    def municipalities(self) -> Sequence[Member]: ...


@dataclass(frozen=True)
class PopulationSet:
    """Populations used for allocations, with the date and source they come from."""

    name: str
    as_of: date
    source: str
    populations: Mapping[str, int]  # local government code -> residents

    @classmethod
    def from_vision(cls, vision: PopulationTable) -> PopulationSet:
        """The vision's base-data table (熊本県推計人口調査)."""
        return cls(
            name=f"{vision.population_source}（{vision.population_as_of.isoformat()}）",
            as_of=vision.population_as_of,
            source=vision.population_source,
            populations={m.code: m.population for m in vision.municipalities},
        )


@dataclass(frozen=True, eq=False)
class Basis:
    """What an allocation splits by, prepared once for many amounts (see allocate.prepare)."""

    component: CostComponent
    participants: tuple[str, ...]
    splitter: Splitter
    figures: tuple[Fraction, ...]  # population or usage per participant, as explained
    population_name: str | None
    weights: tuple[Fraction, Fraction] | None  # normalised 均等割, 人口割 (equal_plus_population)
    populations: tuple[int, ...] | None  # for equal_plus_population explanations
    hub: str | None

    @property
    def kind(self) -> RuleKind:
        return self.component.kind

    @cached_property
    def figure_total(self) -> Fraction:
        return sum(self.figures, Fraction(0))

    @cached_property
    def population_total(self) -> int:
        return sum(self.populations or ())


@dataclass(frozen=True)
class Contribution:
    """What one participant pays (負担金), its exact share and how it was reached."""

    code: str
    yen: int
    share: Fraction
    explanation: str


@dataclass(frozen=True, eq=False)
class Allocation:
    """An amount split among participants; ``contributions`` are built on first use."""

    basis: Basis
    amount: int
    parts: tuple[int, ...]  # yen per participant, in the order of basis.participants
    rounding: Rounding

    @property
    def participants(self) -> tuple[str, ...]:
        return self.basis.participants

    @property
    def unassigned(self) -> int:
        """The part of the amount no participant is charged (kinds without a transfer)."""
        return self.amount - sum(self.parts)

    @property
    def by_code(self) -> dict[str, int]:
        return dict(zip(self.basis.participants, self.parts, strict=True))

    @cached_property
    def contributions(self) -> tuple[Contribution, ...]:
        lines = explain.lines(self)
        splitter = self.basis.splitter
        return tuple(
            Contribution(code, yen, splitter.exact(self.amount, i), lines[i])
            for i, (code, yen) in enumerate(zip(self.basis.participants, self.parts, strict=True))
        )


@dataclass(frozen=True)
class Change:
    """How one municipality's contribution moves between two allocations (what-if)."""

    code: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class UsageRecord:
    """One row of a usage file: who used how much of which service in which fiscal year."""

    fiscal_year: int
    municipality: str  # the using municipality's code
    quantity: Decimal  # children, uses, lessons (whole) or tonnes (decimal)
    provider: str | None = None  # the providing municipality's code
    facility: str | None = None
    period: str | None = None  # e.g. a month, when a file reports several per year
    row: int = 0  # the row in the file it came from (1 = header)


@dataclass(frozen=True)
class StatementLine:
    """One charge on a settlement statement."""

    label: str
    quantity: Fraction
    yen: int
    explanation: str


@dataclass(frozen=True)
class Statement:
    """What one municipality owes another for one initiative in one fiscal year (精算書)."""

    initiative_id: str
    fiscal_year: int
    payer: str  # the using municipality (利用自治体)
    payee: str  # the providing municipality (提供自治体)
    lines: tuple[StatementLine, ...]

    @property
    def total(self) -> int:
        return sum(line.yen for line in self.lines)
