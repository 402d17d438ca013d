"""The dashboard's figures: KPI shares, initiatives on schedule, spending against plan."""

from __future__ import annotations

from decimal import Decimal
from xml.etree import ElementTree

from toshiken.progress.charts import kpi_path, spending_bars
from toshiken.progress.dashboard import build_dashboard, schedule_state, share
from toshiken.progress.model import (
    Implementation,
    InitiativeReport,
    KpiActual,
    KpiStatus,
    ScheduleState,
)
from toshiken.progress.rows import dashboard_dict
from toshiken.vision.reader import ReadResult


def report(
    initiative: str, code: str, status: Implementation, spent: int | None
) -> InitiativeReport:
    return InitiativeReport(initiative, 2025, code, status, spent, "実施")


def test_schedule_state() -> None:
    done = report("1-1-1", "431001", Implementation.done, 1)
    late = report("1-1-1", "432164", Implementation.not_started, 0)
    assert schedule_state([]) is ScheduleState.unreported
    assert schedule_state([done]) is ScheduleState.on_schedule
    assert schedule_state([done, late]) is ScheduleState.delayed


def test_share() -> None:
    assert share(1, 3) == Decimal("33.3")
    assert share(2, 3) == Decimal("66.7")
    assert share(1, 0) is None and share(1, None) is None


def test_dashboard_of_the_kumamoto_vision(read_result: ReadResult) -> None:
    vision = read_result.vision
    first = vision.initiatives[0]  # 1-1-1, budget 6,669 thousand yen in FY2025
    actuals = [KpiActual(3, 2024, Decimal(700)), KpiActual(4, 2024, Decimal(1))]
    reports = [
        report(first.id, "431001", Implementation.done, 5000),
        report(first.id, "432164", Implementation.in_progress, 300),
        report(first.id, "999999", Implementation.cancelled, 999),  # not a participant: ignored
        report("1-1-2", "431001", Implementation.partial, None),
        InitiativeReport(first.id, 2024, "431001", Implementation.done, 77, ""),  # other year
    ]
    d = build_dashboard(vision, actuals, reports, 2025)
    assert len(d.kpis) == 13
    assert d.kpi_count(KpiStatus.achieved) == 1 and d.kpi_count(KpiStatus.behind) == 1
    assert d.kpi_count(KpiStatus.no_data) == 11
    assert d.achieved_share == Decimal("7.7")
    assert d.schedule_count(ScheduleState.on_schedule) == 1
    assert d.schedule_count(ScheduleState.delayed) == 1
    assert d.schedule_count(ScheduleState.unreported) == 67
    assert d.on_schedule_share == Decimal("50.0")
    line = d.initiatives[0]
    assert (line.planned, line.spent, len(line.reports)) == (6669, 5300, 2)
    assert d.planned_total == sum(i.budget.get(2025) or 0 for i in vision.initiatives)
    assert d.spent_total == 5300
    pillar1 = d.spending["pillar"][0]
    assert pillar1.spent == 5300 and pillar1.reports == 3
    hub = next(s for s in d.spending["municipality"] if s.key == "431001")
    assert (hub.planned, hub.spent, hub.reports) == (None, 5000, 2)
    data = dashboard_dict(d, {m.code: m.name for m in vision.municipalities})
    assert data["kpi_status"] == {"achieved": 1, "on_track": 0, "behind": 1, "no_data": 11}
    assert data["initiatives"][0]["reports"][1]["municipality"] == "合志市"  # type: ignore[index]


def test_charts_are_well_formed_accessible_svg(read_result: ReadResult) -> None:
    vision = read_result.vision
    actuals = [KpiActual(k.number, 2024, k.baseline + 1) for k in vision.kpis]
    d = build_dashboard(vision, actuals, [], 2025)
    for svg in [kpi_path(line) for line in d.kpis] + [
        spending_bars(d.spending["policy"], "p", "施策別 <事業費> & 実績")
    ]:
        root = ElementTree.fromstring(svg)
        ns = "{http://www.w3.org/2000/svg}"
        assert root.get("role") == "img"
        assert root.find(f"{ns}title") is not None and root.find(f"{ns}desc") is not None
        assert "script" not in svg
