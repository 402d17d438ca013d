"""Progress as plain values: KPI actuals, initiative reports, statuses and their labels."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class KpiStatus(StrEnum):
    """Where a KPI stands, best first."""

    achieved = "achieved"
    on_track = "on_track"
    behind = "behind"
    no_data = "no_data"


class Implementation(StrEnum):
    """How far a participant carried out its part of an initiative in a fiscal year."""

    done = "done"  # 実施済
    in_progress = "in_progress"  # 実施中
    partial = "partial"  # 一部実施
    not_started = "not_started"  # 未着手
    cancelled = "cancelled"  # 中止


class ScheduleState(StrEnum):
    """An initiative's fiscal year, from its participants' reports taken together."""

    on_schedule = "on_schedule"
    delayed = "delayed"
    unreported = "unreported"


ON_SCHEDULE = frozenset({Implementation.done, Implementation.in_progress})


@dataclass(frozen=True)
class KpiActual:
    """A measured value of a KPI for a period (the year in the KPI's own convention)."""

    kpi: int
    period: int
    value: Decimal
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class InitiativeReport:
    """One participant's report on its part of an initiative for one fiscal year."""

    initiative_id: str
    fiscal_year: int
    municipality_code: str
    status: Implementation
    spent: int | None  # thousand yen; None = not reported
    activities: str = ""  # what was done (実施内容)

    @property
    def key(self) -> str:
        return f"{self.initiative_id}/{self.fiscal_year}/{self.municipality_code}"
