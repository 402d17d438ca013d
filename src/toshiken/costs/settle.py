"""Settlement of usage-based services: statements per pair of municipalities and fiscal year."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from toshiken.core.money import yen
from toshiken.costs.explain import decimal_text, quantity_text
from toshiken.costs.model import Statement, StatementLine, UsageRecord
from toshiken.costs.split import Splitter, integer_weights

WASTE_INITIATIVE = "3-5-4"  # 東部環境工場における可燃ごみの広域処理
SUPPORT_SCHOOL_INITIATIVE = "3-3-3"  # 支援学校での児童・生徒の授業時間外の預かり


class YenRounding(StrEnum):
    """How a unit-price charge is brought to whole yen."""

    DOWN = "down"  # 円未満切捨て (default, as public accounts usually do)
    HALF_UP = "half_up"  # 四捨五入

    def apply(self, value: Fraction) -> int:
        if self is YenRounding.DOWN:
            return math.floor(value)
        return math.floor(value + Fraction(1, 2))

    @property
    def label(self) -> str:
        return "円未満切捨て" if self is YenRounding.DOWN else "円未満四捨五入"


class SettlementError(ValueError):
    """Usage or costs that cannot be settled; ``problems`` lists every one."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("精算できません:\n" + "\n".join(self.problems))


@dataclass(frozen=True)
class UnitPrice:
    """The agreed price per tonne for one municipality in one fiscal year (委託料の単価)."""

    municipality: str
    fiscal_year: int
    yen_per_tonne: Decimal


@dataclass(frozen=True)
class ServiceCost:
    """What a providing municipality spent on a shared service in one fiscal year."""

    provider: str
    fiscal_year: int
    yen: int
    label: str = "事業費"


def usage_shares(total: int, usage: Mapping[str, Fraction]) -> dict[str, int]:
    """Split ``total`` yen by usage: largest remainder, ties to the larger usage, then the code."""
    codes = sorted(usage, key=lambda code: (-usage[code], code))
    weights, weight_total = integer_weights([usage[code] for code in codes])
    if total and not weight_total:
        raise SettlementError([f"利用実績の合計が0のため {yen(total)} を按分できません"])
    parts = Splitter(weights, tuple(range(len(codes)))).largest_remainder(total)
    return dict(zip(codes, parts, strict=True))


def settle_waste(
    records: Iterable[UsageRecord],
    prices: Iterable[UnitPrice],
    *,
    provider: str,
    initiative_id: str = WASTE_INITIATIVE,
    rounding: YenRounding = YenRounding.DOWN,
) -> tuple[Statement, ...]:
    """Tonnes × the agreed unit price, one statement per municipality and fiscal year.

    Tonnes of one municipality and year are added exactly first, then priced and rounded once.
    The provider's own waste is not charged.
    """
    price = {(p.municipality, p.fiscal_year): Fraction(p.yen_per_tonne) for p in prices}
    tonnes: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    problems: list[str] = []
    for record in records:
        if record.provider not in (None, provider):
            problems.append(f"{record.row}行目: 提供自治体が {provider} ではありません")
        elif record.municipality != provider:
            tonnes[(record.fiscal_year, record.municipality)] += Fraction(record.quantity)
    statements = []
    for (fiscal_year, code), amount in sorted(tonnes.items()):
        unit = price.get((code, fiscal_year))
        if unit is None:
            problems.append(f"{code} の {fiscal_year}年度の単価がありません")
            continue
        exact = amount * unit
        charged = rounding.apply(exact)
        explanation = (
            f"ごみ量 {quantity_text(amount)} t × 単価 {quantity_text(unit)}円/t"
            f" = {decimal_text(exact)}円 → {yen(charged)}（{rounding.label}）"
        )
        line = StatementLine("可燃ごみ処理", amount, charged, explanation)
        statements.append(Statement(initiative_id, fiscal_year, code, provider, (line,)))
    if problems:
        raise SettlementError(problems)
    return tuple(statements)


def settle_by_use(
    records: Iterable[UsageRecord],
    costs: Iterable[ServiceCost],
    *,
    initiative_id: str = SUPPORT_SCHOOL_INITIATIVE,
) -> tuple[Statement, ...]:
    """Each year's cost split by use among all users (the provider included); others pay it.

    The provider's own share stays with it; shares are rounded by largest remainder, so the
    statements plus the provider's share add up to the cost.
    """
    problems: list[str] = []
    cost_of: dict[int, ServiceCost] = {}
    for cost in costs:
        if cost.fiscal_year in cost_of:
            problems.append(f"{cost.fiscal_year}年度の事業費が複数あります")
        cost_of[cost.fiscal_year] = cost
    usage: dict[int, dict[str, Fraction]] = defaultdict(lambda: defaultdict(Fraction))
    for record in records:
        found = cost_of.get(record.fiscal_year)
        if found is None:
            problems.append(f"{record.row}行目: {record.fiscal_year}年度の事業費がありません")
        elif record.provider not in (None, found.provider):
            problems.append(f"{record.row}行目: 提供自治体が {found.provider} ではありません")
        else:
            usage[record.fiscal_year][record.municipality] += Fraction(record.quantity)
    if problems:
        raise SettlementError(problems)
    statements = []
    for fiscal_year in sorted(usage):
        cost, used = cost_of[fiscal_year], usage[fiscal_year]
        shares = usage_shares(cost.yen, used)
        whole = sum(used.values(), Fraction(0))
        for code in sorted(used):
            if code == cost.provider or not whole:
                continue
            exact = cost.yen * used[code] / whole
            explanation = (
                f"利用実績 {quantity_text(used[code])} / {quantity_text(whole)} × {yen(cost.yen)}"
                f" = {decimal_text(exact)}円 → {yen(shares[code])}"
            )
            line = StatementLine(cost.label, used[code], shares[code], explanation)
            statements.append(Statement(initiative_id, fiscal_year, code, cost.provider, (line,)))
    return tuple(statements)
