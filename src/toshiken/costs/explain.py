"""Japanese explanation lines for allocations: each participant's numbers, written out."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

from toshiken.core.money import yen
from toshiken.costs.kinds import Rounding, RuleKind, UsageMeasure

if TYPE_CHECKING:
    from toshiken.costs.model import Allocation, Basis

MEASURE_LABELS: dict[UsageMeasure | None, str] = {
    UsageMeasure.CHILDREN: "利用児童数",
    UsageMeasure.TONNES: "ごみ量(t)",
    UsageMeasure.CASES: "件数",
    UsageMeasure.LESSONS: "授業数",
    UsageMeasure.USE: "利用実績",
    None: "利用実績",
}

PROPORTIONAL = frozenset(
    {RuleKind.POPULATION_RATIO, RuleKind.EQUAL_PLUS_POPULATION, RuleKind.USAGE_BASED}
)

NO_TRANSFER: dict[RuleKind, str] = {
    RuleKind.EACH_PAYS_OWN: "各市町村がそれぞれ自らの費用を負担（按分しない）",
    RuleKind.TO_BE_NEGOTIATED: "別途協議（按分方法が未定のため按分しない）",
    RuleKind.NONE: "費用負担なし",
}


def decimal_text(value: Fraction, places: int = 1) -> str:
    """254178.94… -> '254,178.9…'; whole numbers without decimals; '…' marks a truncation."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    if value == whole:
        return f"{sign}{whole:,}"
    scaled = value * 10**places
    digits = int(scaled) - whole * 10**places
    more = "…" if scaled != int(scaled) else ""
    return f"{sign}{whole:,}.{digits:0{places}d}{more}"


def quantity_text(value: Fraction) -> str:
    """An exact figure as written: 48,294 / 1,234.567 (up to 6 decimals, else truncated)."""
    for places in range(7):
        if (value * 10**places).denominator == 1:
            return decimal_text(value, places) if places else f"{int(value):,}"
    return decimal_text(value, 6)


def ratio_text(value: Fraction) -> str:
    """1/2 -> '50%'; 1/3 -> '1/3'."""
    percent = value * 100
    return f"{quantity_text(percent)}%" if (percent * 1000).denominator == 1 else str(value)


def lines(allocation: Allocation) -> tuple[str, ...]:
    """One line per participant, in the order of the allocation's participants."""
    basis = allocation.basis
    amount = allocation.amount
    out = []
    for i, part in enumerate(allocation.parts):
        line = f"{_formula(basis, i, amount)} → {yen(part)}"
        if (
            allocation.rounding is Rounding.REMAINDER_TO_HUB
            and basis.kind in PROPORTIONAL
            and basis.participants[i] == basis.hub
        ):
            extra = part - math.floor(basis.splitter.exact(amount, i))
            if extra:
                line += f"（端数 {yen(extra)}を加算）"
        out.append(line)
    return tuple(out)


def _formula(basis: Basis, i: int, amount: int) -> str:
    kind = basis.kind
    exact = basis.splitter.exact(amount, i)
    if kind is RuleKind.POPULATION_RATIO:
        return (
            f"人口 {quantity_text(basis.figures[i])} / {quantity_text(basis.figure_total)}"
            f" × {yen(amount)} = {decimal_text(exact)}円"
        )
    if kind is RuleKind.USAGE_BASED:
        label = MEASURE_LABELS[basis.component.measure]
        return (
            f"{label} {quantity_text(basis.figures[i])} / {quantity_text(basis.figure_total)}"
            f" × {yen(amount)} = {decimal_text(exact)}円"
        )
    if kind is RuleKind.EQUAL_PLUS_POPULATION:
        return _equal_plus_population(basis, i, amount, exact)
    payer = "・".join(basis.component.payers) or "連携中枢都市"
    if kind in (RuleKind.HUB_PAYS, RuleKind.PREFECTURE_SHARES):
        if basis.participants[i] != basis.hub:
            return f"{payer}が負担するため負担なし"
        if kind is RuleKind.PREFECTURE_SHARES:
            return f"{payer}が負担（県負担分を除く市町村負担分 {yen(amount)}を連携中枢都市が負担）"
        return f"{payer}が全額負担"
    if kind is RuleKind.BY_AGREEMENT:
        return f"{basis.component.instrument or '協定等'}の定めによる（この計算では按分しない）"
    return NO_TRANSFER[kind]


def _equal_plus_population(basis: Basis, i: int, amount: int, exact: Fraction) -> str:
    assert basis.weights is not None and basis.populations is not None
    equal, population = basis.weights
    n = len(basis.participants)
    total = basis.population_total
    equal_part = amount * equal / n
    population_part = exact - equal_part
    return (
        f"均等割 {yen(amount)} × {ratio_text(equal)} ÷ {n} = {decimal_text(equal_part)}円"
        f" + 人口割 {yen(amount)} × {ratio_text(population)} × {basis.populations[i]:,}"
        f" / {total:,} = {decimal_text(population_part)}円 計 {decimal_text(exact)}円"
    )
