"""Allocation of an amount among participants by a cost component's rule, exact to the yen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from toshiken.costs.model import (
    SHARED_KINDS,
    Allocation,
    Basis,
    Change,
    CostComponent,
    PopulationSet,
    Rounding,
    RuleKind,
    Weights,
)
from toshiken.costs.split import Splitter, integer_weights

DEFAULT_WEIGHTS = Weights(equal=Fraction(1, 2), population=Fraction(1, 2))
"""均等割 50% + 人口割 50%: the vision gives no weights for 福祉有償運送 (3-③-イ)."""

Number = int | Decimal | Fraction


class AllocationError(ValueError):
    """An allocation that cannot be computed from what it was given."""


def prepare(
    component: CostComponent,
    participants: Sequence[str],
    population: PopulationSet | None = None,
    *,
    usage: Mapping[str, Number] | None = None,
    hub: str | None = None,
    weights: Weights | None = None,
) -> Basis:
    """Work out each participant's weight once, for any number of amounts (``allocate_with``).

    ``weights`` overrides the component's 均等割/人口割 weights, which override DEFAULT_WEIGHTS.
    Participants missing from ``usage`` used the service 0 times.
    """
    codes = _codes(participants)
    kind = component.kind
    needs_population = kind in (RuleKind.POPULATION_RATIO, RuleKind.EQUAL_PLUS_POPULATION)
    if needs_population and population is None:
        raise AllocationError(f"{kind.value} には人口データ（PopulationSet）が必要です")
    pops = _populations(codes, population) if population is not None else None
    ratios: tuple[Fraction, Fraction] | None = None
    if kind is RuleKind.POPULATION_RATIO:
        assert pops is not None
        figures = tuple(Fraction(p) for p in pops)
        shares = figures
    elif kind is RuleKind.EQUAL_PLUS_POPULATION:
        assert pops is not None
        figures = tuple(Fraction(p) for p in pops)
        ratios = (weights or component.weights or DEFAULT_WEIGHTS).normalised()
        shares = _equal_plus_population(pops, ratios)
    elif kind is RuleKind.USAGE_BASED:
        figures = _usage(codes, usage)
        shares = figures
    elif kind in (RuleKind.HUB_PAYS, RuleKind.PREFECTURE_SHARES):
        _require_hub(hub, codes, kind.value)
        figures = tuple(Fraction(code == hub) for code in codes)
        shares = figures
    else:
        figures = shares = tuple(Fraction(0) for _ in codes)
    ints, _ = integer_weights(shares)
    population_name = population.name if population is not None else None
    return Basis(
        component=component,
        participants=codes,
        splitter=Splitter(ints, _tie_rank(codes, ints, pops)),
        figures=figures,
        population_name=population_name,
        weights=ratios,
        populations=pops,
        hub=hub,
    )


def allocate_with(
    basis: Basis, amount: int, rounding: Rounding = Rounding.LARGEST_REMAINDER
) -> Allocation:
    """Split an amount in yen by a prepared basis; the parts add up to the amount exactly.

    Kinds without a transfer (each_pays_own, by_agreement, to_be_negotiated, none) charge every
    participant 0 and leave the whole amount in ``Allocation.unassigned``.
    """
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        raise AllocationError(f"金額は0以上の整数（円）で渡してください: {amount!r}")
    splitter = basis.splitter
    if basis.kind not in SHARED_KINDS:
        parts: tuple[int, ...] = (0,) * len(basis.participants)
    elif amount and not splitter.total:
        raise AllocationError(f"{basis.kind.value}: 按分の基礎（利用実績・人口）の合計が0です")
    elif rounding is Rounding.REMAINDER_TO_HUB:
        _require_hub(basis.hub, basis.participants, "端数の連携中枢都市への寄せ")
        parts = splitter.remainder_to(amount, basis.participants.index(str(basis.hub)))
    else:
        parts = splitter.largest_remainder(amount)
    return Allocation(basis=basis, amount=amount, parts=parts, rounding=rounding)


def allocate(
    component: CostComponent,
    amount: int,
    participants: Sequence[str],
    population: PopulationSet | None = None,
    *,
    usage: Mapping[str, Number] | None = None,
    hub: str | None = None,
    weights: Weights | None = None,
    rounding: Rounding = Rounding.LARGEST_REMAINDER,
) -> Allocation:
    """Split ``amount`` yen among ``participants`` (codes) by the component's rule."""
    basis = prepare(component, participants, population, usage=usage, hub=hub, weights=weights)
    return allocate_with(basis, amount, rounding)


def compare(before: Allocation, after: Allocation) -> tuple[Change, ...]:
    """What-if: each municipality's change between two allocations (absent = 0 yen).

    The order is ``before``'s participants, then those only in ``after``.
    """
    old, new = before.by_code, after.by_code
    codes = list(before.participants) + [c for c in after.participants if c not in old]
    return tuple(Change(code, old.get(code, 0), new.get(code, 0)) for code in codes)


def _codes(participants: Sequence[str]) -> tuple[str, ...]:
    codes = tuple(participants)
    if not codes:
        raise AllocationError("関係市町村が空です")
    repeated = sorted(code for code, count in Counter(codes).items() if count > 1)
    if repeated:
        raise AllocationError(f"関係市町村が重複しています: {', '.join(repeated)}")
    return codes


def _populations(codes: tuple[str, ...], population: PopulationSet) -> tuple[int, ...]:
    missing = [c for c in codes if c not in population.populations]
    if missing:
        raise AllocationError(f"人口データ「{population.name}」にない市町村: {', '.join(missing)}")
    pops = tuple(population.populations[c] for c in codes)
    if any(p < 0 for p in pops):
        raise AllocationError(f"人口データ「{population.name}」に負の人口があります")
    return pops


def _equal_plus_population(
    pops: tuple[int, ...], ratios: tuple[Fraction, Fraction]
) -> tuple[Fraction, ...]:
    equal, population = ratios
    total = sum(pops)
    if population and not total:
        raise AllocationError("人口割の基礎となる人口の合計が0です")
    n = len(pops)
    return tuple(equal / n + (population * p / total if population else 0) for p in pops)


def _usage(codes: tuple[str, ...], usage: Mapping[str, Number] | None) -> tuple[Fraction, ...]:
    if usage is None:
        raise AllocationError("usage_based には利用実績が必要です")
    unknown = sorted(set(usage) - set(codes))
    if unknown:
        raise AllocationError(f"関係市町村でない市町村の利用実績: {', '.join(unknown)}")
    figures = []
    for code in codes:
        value = usage.get(code, 0)
        if not isinstance(value, int | Decimal | Fraction) or isinstance(value, bool):
            raise AllocationError(f"{code} の利用実績は整数・Decimal・Fraction で渡してください")
        if value < 0:
            raise AllocationError(f"{code} の利用実績が負です: {value}")
        figures.append(Fraction(value))
    return tuple(figures)


def _require_hub(hub: str | None, codes: tuple[str, ...], what: str) -> None:
    if hub is None or hub not in codes:
        raise AllocationError(f"{what}: 連携中枢都市（hub）が関係市町村に含まれていません")


def _tie_rank(
    codes: tuple[str, ...], weights: tuple[int, ...], pops: tuple[int, ...] | None
) -> tuple[int, ...]:
    """Equal remainders go first to the larger weight, then the larger population, then the code."""
    order = sorted(
        range(len(codes)),
        key=lambda i: (-weights[i], -(pops[i] if pops else 0), codes[i]),
    )
    rank = [0] * len(codes)
    for position, i in enumerate(order):
        rank[i] = position
    return tuple(rank)
