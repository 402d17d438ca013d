"""One settlement run: usage rows checked for one fiscal year and kind, priced, into statements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from toshiken.costs.model import CostRule, Statement, UsageRecord
from toshiken.costs.settle import (
    SUPPORT_SCHOOL_INITIATIVE,
    WASTE_INITIATIVE,
    settle_by_use,
    settle_waste,
)
from toshiken.costs.sickchild import SICK_CHILD_INITIATIVE, settle_sick_child
from toshiken.costs.terms import SettleKind, Terms
from toshiken.costs.usage import (
    SICK_CHILD,
    SUPPORT_SCHOOL,
    WASTE,
    Problem,
    UsageFileError,
    UsageLayout,
    file_rows,
    parse_usage_rows,
)


@dataclass(frozen=True)
class KindInfo:
    """What a settlement kind settles: its initiative, file layout and Japanese names."""

    initiative_id: str
    layout: UsageLayout
    label: str  # the service, as the statements title it
    unit: str  # of the quantity column


KINDS: dict[SettleKind, KindInfo] = {
    SettleKind.SICK_CHILD: KindInfo(SICK_CHILD_INITIATIVE, SICK_CHILD, "病児・病後児保育", "人"),
    SettleKind.WASTE: KindInfo(WASTE_INITIATIVE, WASTE, "可燃ごみの広域処理", "t"),
    SettleKind.SUPPORT_SCHOOL: KindInfo(
        SUPPORT_SCHOOL_INITIATIVE, SUPPORT_SCHOOL, "支援学校での授業時間外の預かり", "回"
    ),
}


def read_usage(
    kind: SettleKind,
    data: bytes,
    municipalities: Mapping[str, str],
    fiscal_year: int,
    participants: Sequence[str],
) -> tuple[UsageRecord, ...]:
    """The rows of a usage file (CSV or .xlsx) for one fiscal year; every problem at once.

    Besides what usage.parse_usage_rows checks, every row must be of ``fiscal_year`` and name
    municipalities that take part in the initiative.
    """
    taking_part = set(participants)

    def check(field: str, value: object) -> str | None:
        if field == "fiscal_year" and value != fiscal_year:
            return f"{value}年度の行です（{fiscal_year}年度を精算しています）"
        if field != "fiscal_year" and value not in taking_part:
            name = municipalities.get(str(value), str(value))
            return f"{name}はこの取組（{KINDS[kind].initiative_id}）の関係市町村ではありません"
        return None

    records = parse_usage_rows(file_rows(data), municipalities, KINDS[kind].layout, check)
    if not records:
        raise UsageFileError([Problem(0, "ファイル", "利用実績の行がありません")])
    return records


def run_settlement(
    kind: SettleKind, records: Iterable[UsageRecord], terms: Terms, *, provider: str | None
) -> tuple[Statement, ...]:
    """Statements per (using, providing) municipality; SettlementError lists what is missing."""
    if kind is SettleKind.SICK_CHILD:
        return settle_sick_child(records, terms.facilities)
    if kind is SettleKind.WASTE:
        assert provider is not None
        return settle_waste(records, terms.prices, provider=provider, rounding=terms.rounding)
    return settle_by_use(records, terms.costs)


def fixed_provider(kind: SettleKind, rule: CostRule, names: Mapping[str, str]) -> str | None:
    """The providing municipality when the rules file fixes it (熊本市 for waste, 宇城市 …)."""
    if kind is SettleKind.SICK_CHILD:
        return None
    name = next(c.provider for c in rule.components if c.provider)
    return next(code for code, member in names.items() if member == name)
