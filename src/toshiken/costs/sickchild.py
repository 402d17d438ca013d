"""The 病児・病後児保育 settlement: what a using municipality pays the providing one (3-②-イ)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from toshiken.core.money import yen
from toshiken.costs.explain import decimal_text, quantity_text
from toshiken.costs.model import Statement, StatementLine, UsageRecord
from toshiken.costs.settle import SettlementError, usage_shares

SICK_CHILD_INITIATIVE = "3-2-2"

FacilityKey = tuple[str, str, int]  # provider, facility, fiscal year


@dataclass(frozen=True)
class AdditionBand:
    """From ``min_children`` annual children on, the addition (加算費用) is ``yen``."""

    min_children: int
    yen: int


@dataclass(frozen=True)
class FacilityCost:
    """A facility's yearly cost: the basic cost and the addition bands by annual children."""

    provider: str
    facility: str
    fiscal_year: int
    basic_cost: int  # 基本的費用, yen
    additions: tuple[AdditionBand, ...] = ()  # 年間利用児童数に応じた加算費用

    @property
    def key(self) -> FacilityKey:
        return self.provider, self.facility, self.fiscal_year


def addition_for(bands: Sequence[AdditionBand], annual_children: int) -> int:
    """The addition of the highest band the annual children reach (0 below every band)."""
    reached = [b for b in bands if b.min_children <= annual_children]
    return max(reached, key=lambda b: b.min_children).yen if reached else 0


def settle_sick_child(
    records: Iterable[UsageRecord],
    costs: Iterable[FacilityCost],
    *,
    initiative_id: str = SICK_CHILD_INITIATIVE,
) -> tuple[Statement, ...]:
    """Statements per (using, providing) municipality and fiscal year, one line per facility.

    For each facility and year: N = all children it cared for (its own municipality's included),
    cost = basic cost + addition(N), and each using municipality's part is cost × n / N. The parts
    of all users, the provider's own included, are rounded by largest remainder so that they add
    up to the cost exactly (ties: more children, then the code); the provider keeps its own part.
    """
    cost_of: dict[FacilityKey, FacilityCost] = {}
    problems: list[str] = []
    for cost in costs:
        if cost.key in cost_of:
            problems.append(f"{cost.facility}（{cost.provider}）{cost.fiscal_year}年度の費用が重複")
        cost_of[cost.key] = cost
    children: dict[FacilityKey, dict[str, Fraction]] = defaultdict(lambda: defaultdict(Fraction))
    for record in records:
        if record.provider is None or record.facility is None:
            problems.append(f"{record.row}行目: 提供自治体と施設が必要です")
            continue
        key = (record.provider, record.facility, record.fiscal_year)
        if key not in cost_of:
            problems.append(
                f"{record.row}行目: {record.facility}（{record.provider}）"
                f"{record.fiscal_year}年度の費用（基本的費用・加算）がありません"
            )
            continue
        children[key][record.municipality] += Fraction(record.quantity)
    if problems:
        raise SettlementError(problems)
    lines: dict[tuple[int, str, str], list[StatementLine]] = defaultdict(list)
    for key in sorted(children):
        for payer, line in _facility_lines(cost_of[key], children[key]):
            lines[(key[2], key[0], payer)].append(line)
    return tuple(
        Statement(initiative_id, fiscal_year, payer, payee, tuple(found))
        for (fiscal_year, payee, payer), found in sorted(lines.items())
    )


def _facility_lines(
    cost: FacilityCost, used: dict[str, Fraction]
) -> list[tuple[str, StatementLine]]:
    annual = sum(used.values(), Fraction(0))
    if not annual:
        return []
    addition = addition_for(cost.additions, int(annual))
    total = cost.basic_cost + addition
    shares = usage_shares(total, used)
    found = []
    for code in sorted(used):
        if code == cost.provider:
            continue
        exact = total * used[code] / annual
        explanation = (
            f"（基本的費用 {yen(cost.basic_cost)} + 加算 {yen(addition)}）"
            f" × 利用児童数 {quantity_text(used[code])}人"
            f" / 年間利用児童数 {quantity_text(annual)}人"
            f" = {decimal_text(exact)}円 → {yen(shares[code])}"
        )
        found.append((code, StatementLine(cost.facility, used[code], shares[code], explanation)))
    return found
