"""One serializer per public shape: dashboard rows for the JSON API, the workbook and CSV."""

from __future__ import annotations

from decimal import Decimal

from toshiken.progress.dashboard import Dashboard, SpendingLine
from toshiken.progress.model import KpiStatus, ScheduleState

Row = dict[str, object]


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def kpi_rows(dashboard: Dashboard) -> list[Row]:
    rows: list[Row] = []
    for line in dashboard.kpis:
        k, e = line.kpi, line.evaluation
        rows.append(
            {
                "number": k.number, "name": k.name, "unit": k.unit, "target_kind": k.target_kind,
                "baseline": str(k.baseline), "baseline_period": k.baseline_period,
                "target": str(k.target), "target_period": k.target_period,
                "actual": _num(e.actual.value) if e.actual else None,
                "actual_period": e.actual.period if e.actual else None,
                "source": e.actual.source if e.actual else None,
                "status": e.status.value, "attainment_pct": _num(e.attainment_pct),
                "progress_pct": _num(e.progress_pct), "expected": _num(e.expected),
                "path": [{"period": a.period, "value": str(a.value)} for a in line.actuals],
            }
        )  # fmt: skip
    return rows


def initiative_rows(dashboard: Dashboard, names: dict[str, str]) -> list[Row]:
    return [
        {
            "id": line.initiative.id, "label": line.initiative.label,
            "title": line.initiative.title, "state": line.state.value,
            "planned_thousand_yen": line.planned, "spent_thousand_yen": line.spent,
            "reports": [
                {
                    "municipality_code": r.municipality_code,
                    "municipality": names.get(r.municipality_code, r.municipality_code),
                    "status": r.status.value, "spent_thousand_yen": r.spent,
                    "activities": r.activities,
                }
                for r in line.reports
            ],
        }
        for line in dashboard.initiatives
    ]  # fmt: skip


def spending_rows(lines: tuple[SpendingLine, ...]) -> list[Row]:
    return [
        {
            "key": s.key, "label": s.label, "planned_thousand_yen": s.planned,
            "spent_thousand_yen": s.spent, "rate_pct": _num(s.rate), "reports": s.reports,
        }
        for s in lines
    ]  # fmt: skip


def dashboard_dict(dashboard: Dashboard, names: dict[str, str]) -> Row:
    """The JSON twin of the dashboard page."""
    return {
        "fiscal_year": dashboard.fiscal_year,
        "kpi_status": {s.value: dashboard.kpi_count(s) for s in KpiStatus},
        "kpi_achieved_pct": _num(dashboard.achieved_share),
        "initiative_state": {s.value: dashboard.schedule_count(s) for s in ScheduleState},
        "initiatives_on_schedule_pct": _num(dashboard.on_schedule_share),
        "planned_thousand_yen": dashboard.planned_total,
        "spent_thousand_yen": dashboard.spent_total,
        "spending": {axis: spending_rows(lines) for axis, lines in dashboard.spending.items()},
        "kpis": kpi_rows(dashboard),
        "initiatives": initiative_rows(dashboard, names),
    }
