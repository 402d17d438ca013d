"""The dashboard in the style of the national 効果検証: pure figures for one fiscal year."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from toshiken.progress.achievement import Evaluation, evaluate
from toshiken.progress.model import (
    ON_SCHEDULE,
    InitiativeReport,
    KpiActual,
    KpiStatus,
    ScheduleState,
)
from toshiken.vision.model import Initiative, Kpi, Vision


@dataclass(frozen=True)
class KpiLine:
    kpi: Kpi
    evaluation: Evaluation
    actuals: tuple[KpiActual, ...]  # up to the report's year, oldest first


@dataclass(frozen=True)
class InitiativeLine:
    initiative: Initiative
    state: ScheduleState
    reports: tuple[InitiativeReport, ...]
    planned: int | None  # the vision's budget for the year, thousand yen
    spent: int | None  # the participants' reported spending added up; None if none reported


@dataclass(frozen=True)
class SpendingLine:
    key: str
    label: str
    planned: int | None  # None where the vision gives no plan (per municipality)
    spent: int
    reports: int

    @property
    def rate(self) -> Decimal | None:
        """執行率: spent ÷ planned × 100."""
        return share(self.spent, self.planned)


@dataclass(frozen=True)
class Dashboard:
    fiscal_year: int
    kpis: tuple[KpiLine, ...]
    initiatives: tuple[InitiativeLine, ...]
    spending: dict[str, tuple[SpendingLine, ...]]  # "pillar", "policy", "municipality"

    def kpi_count(self, status: KpiStatus) -> int:
        return sum(1 for line in self.kpis if line.evaluation.status == status)

    def schedule_count(self, state: ScheduleState) -> int:
        return sum(1 for line in self.initiatives if line.state == state)

    @property
    def achieved_share(self) -> Decimal | None:
        """Share of all KPIs achieved (KPIs without data count as not achieved)."""
        return share(self.kpi_count(KpiStatus.achieved), len(self.kpis))

    @property
    def on_schedule_share(self) -> Decimal | None:
        """Share of reported initiatives on schedule (unreported ones are shown apart)."""
        reported = len(self.initiatives) - self.schedule_count(ScheduleState.unreported)
        return share(self.schedule_count(ScheduleState.on_schedule), reported)

    @property
    def planned_total(self) -> int:
        return sum(line.planned or 0 for line in self.spending["pillar"])

    @property
    def spent_total(self) -> int:
        return sum(line.spent for line in self.spending["pillar"])


def share(part: int, whole: int | None) -> Decimal | None:
    """part ÷ whole as a percentage with one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def schedule_state(reports: Sequence[InitiativeReport]) -> ScheduleState:
    """On schedule when every report says 実施済 or 実施中; unreported when there is none."""
    if not reports:
        return ScheduleState.unreported
    if all(r.status in ON_SCHEDULE for r in reports):
        return ScheduleState.on_schedule
    return ScheduleState.delayed


def _initiative_line(i: Initiative, reports: Sequence[InitiativeReport], fy: int) -> InitiativeLine:
    mine = tuple(
        r for r in reports if r.initiative_id == i.id and r.municipality_code in i.participants
    )
    amounts = [r.spent for r in mine if r.spent is not None]
    return InitiativeLine(
        i, schedule_state(mine), mine, i.budget.get(fy), sum(amounts) if amounts else None
    )


def _spending(
    key: str, label: str, lines: Iterable[InitiativeLine], planned: bool = True
) -> SpendingLine:
    found = list(lines)
    return SpendingLine(
        key,
        label,
        sum(line.planned or 0 for line in found) if planned else None,
        sum(line.spent or 0 for line in found),
        sum(len(line.reports) for line in found),
    )


def build_dashboard(
    vision: Vision,
    actuals: Iterable[KpiActual],
    reports: Iterable[InitiativeReport],
    fiscal_year: int,
) -> Dashboard:
    """Every figure of the dashboard and the annual report for one fiscal year."""
    known = list(actuals)
    of_year = [r for r in reports if r.fiscal_year == fiscal_year]
    kpis = tuple(
        KpiLine(
            k,
            evaluate(k, known, fiscal_year),
            tuple(sorted((a for a in known if a.kpi == k.number and a.period <= fiscal_year),
                         key=lambda a: a.period)),
        )
        for k in vision.kpis
    )  # fmt: skip
    lines = tuple(_initiative_line(i, of_year, fiscal_year) for i in vision.initiatives)
    by_pillar = tuple(
        _spending(str(p.number), p.title, (x for x in lines if x.initiative.pillar == p.number))
        for p in vision.pillars
    )
    by_policy = tuple(
        _spending(p.id, f"{p.mark} {p.title}", (x for x in lines if x.initiative.policy_id == p.id))
        for p in vision.policies
    )
    by_municipality = tuple(
        SpendingLine(
            m.code,
            m.name,
            None,
            sum(r.spent or 0 for r in of_year if r.municipality_code == m.code),
            sum(1 for r in of_year if r.municipality_code == m.code),
        )
        for m in vision.municipalities
    )
    return Dashboard(
        fiscal_year,
        kpis,
        lines,
        {"pillar": by_pillar, "policy": by_policy, "municipality": by_municipality},
    )
