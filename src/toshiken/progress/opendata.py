"""Progress as open data: KPI actuals and initiative reports of the fiscal years made public."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from toshiken.core.fiscal import era_year
from toshiken.opendata.catalog import partnership_name
from toshiken.opendata.model import Dataset, Field, ForeignKey, Table
from toshiken.opendata.standard import CODE, NAME, local_government_name
from toshiken.progress import store
from toshiken.progress.model import Implementation, InitiativeReport, KpiActual
from toshiken.progress.orm import ReportSnapshotRow
from toshiken.progress.snapshot import Inputs, thaw
from toshiken.vision.model import Vision

STATUS_LABELS: dict[Implementation, str] = {
    Implementation.done: "実施済",
    Implementation.in_progress: "実施中",
    Implementation.partial: "一部実施",
    Implementation.not_started: "未着手",
    Implementation.cancelled: "中止",
}


def wareki_fiscal_year(fy: int) -> str:
    """令和7年度 for 2025 (令和元年度 for 2019)."""
    name, number = era_year(fy, 12, 31)
    return f"{name}{'元' if number == 1 else number}年度"


def public_actuals(actuals: Sequence[KpiActual], published: Sequence[int]) -> list[KpiActual]:
    """What the public dashboards show: actuals up to the latest published fiscal year."""
    if not published:
        return []
    latest = max(published)
    return [a for a in actuals if a.period <= latest]


def actuals_table(vision: Vision, actuals: Sequence[KpiActual]) -> Table:
    """One row per KPI and period, beside the KPI's name, unit and target as the vision states."""
    kpis = {k.number: k for k in vision.kpis}
    fields = (
        Field("KPI番号", "kpiNumber", "integer", "ビジョン第3章§4の表の順", required=True),
        Field("指標名", "name", required=True),
        Field("単位", "unit"),
        Field("期間", "period", "integer", "実績の年（年度。暦年の指標は暦年）", required=True),
        Field("実績値", "value", "number", required=True),
        Field("目標値", "target", "number", "現状維持では基準値"),
        Field("目標の時点", "targetPeriod"),
        Field("出典", "source"),
        Field("備考", "remarks"),
    )
    rows = tuple(
        (a.kpi, kpis[a.kpi].name, kpis[a.kpi].unit, a.period, a.value, kpis[a.kpi].target,
         kpis[a.kpi].target_period, a.source, a.note)
        for a in actuals
        if a.kpi in kpis
    )  # fmt: skip
    org = partnership_name(vision)
    return Table(
        fields, rows, primary_key=("KPI番号", "期間"),
        foreign_keys=(ForeignKey(("KPI番号",), f"{org}_kpis", ("番号",)),),
    )  # fmt: skip


def reports_table(vision: Vision, reports: Sequence[InitiativeReport]) -> Table:
    """One row per participant's report: status, spending (千円) and what was done."""
    initiatives = {i.id: i for i in vision.initiatives}
    members = {m.code: m for m in vision.municipalities}
    fields = (
        Field("年度", "fiscalYear", "integer", "西暦の年度（4月〜翌3月）", required=True),
        Field("年度（和暦）", "fiscalYearJa"),
        Field("具体的取組ID", "initiativeId", required=True),
        Field("具体的取組名", "initiativeName"),
        CODE,
        NAME,
        Field("実施状況", "status", description="実施済・実施中・一部実施・未着手・中止"),
        Field("事業費_実績", "spentThousandYen", "integer", "単位：千円。空欄は報告なし"),
        Field("実施内容", "activities"),
    )
    rows = tuple(
        (r.fiscal_year, wareki_fiscal_year(r.fiscal_year), r.initiative_id,
         initiatives[r.initiative_id].title, r.municipality_code,
         local_government_name(r.municipality_code, members[r.municipality_code].name),
         STATUS_LABELS[r.status], r.spent, r.activities)
        for r in reports
        if r.initiative_id in initiatives and r.municipality_code in members
    )  # fmt: skip
    org = partnership_name(vision)
    return Table(
        fields, rows, primary_key=("年度", "具体的取組ID", "全国地方公共団体コード"),
        foreign_keys=(ForeignKey(("具体的取組ID",), f"{org}_initiatives", ("ID",)),),
    )  # fmt: skip


def frozen_inputs(session: Session) -> dict[int, Inputs]:
    """Each published year's frozen inputs (what its public report was computed from)."""
    rows = session.execute(select(ReportSnapshotRow.fiscal_year, ReportSnapshotRow.inputs))
    return {year: inputs for year, inputs in rows}


def public_figures(
    session: Session, years: Sequence[int]
) -> tuple[list[KpiActual], list[InitiativeReport], bool]:
    """What the public reads: each published year's snapshot where it has one, else the live
    data (actuals up to the latest published year, each published year's reports); and whether
    any live data was used."""
    frozen = frozen_inputs(session)
    live = any(fy not in frozen for fy in years)
    live_actuals = store.kpi_actuals(session) if live else []
    live_reports = store.initiative_reports(session) if live else []
    latest = max(years)
    frozen_latest = frozen.get(latest)
    actuals = thaw(frozen_latest)[0] if frozen_latest else public_actuals(live_actuals, years)
    reports: list[InitiativeReport] = []
    for fy in sorted(years):
        if fy in frozen:
            reports += thaw(frozen[fy])[1]
        else:
            reports += [r for r in live_reports if r.fiscal_year == fy]
    return actuals, reports, live


def provide(session: Session, vision: Vision) -> list[Dataset]:
    """Nothing until the secretariat publishes a fiscal year; then the published years' figures
    as the public reads them (the frozen report of each year, see docs/progress.md).

    Last modified: the latest publication, or the latest progress change when live data is used.
    """
    published = store.published_years(session)
    if not published:
        return []
    years = sorted(published)
    actuals, reports, live = public_figures(session, years)
    modified = max(published.values())
    changed = store.last_change(session) if live else None
    if changed is not None and changed > modified:
        modified = changed
    org = partnership_name(vision)
    shown = "、".join(f"{wareki_fiscal_year(fy)}（{fy}年度）" for fy in years)

    def dataset(suffix: str, title: str, notes: str, table: Table, tag: str) -> Dataset:
        return Dataset(
            f"{org}_{suffix}", title, notes, org, table, modified,
            tags=("連携中枢都市圏", tag, "進行管理"), groups=("vision",),
            source=f"{vision.area_name} 進行管理（公表年度：{shown}）", version=vision.revision,
        )  # fmt: skip

    return [
        dataset("kpi_actuals", "KPIの実績値",
                f"KPI（重要業績評価指標）の実績値。公表した年度（{shown}）までの期間の値で、"
                "公表時に確定した報告書の値。", actuals_table(vision, actuals), "KPI"),
        dataset("initiative_reports", "具体的取組の実施状況",
                f"関係市町村が報告した具体的取組の実施状況と事業費の実績（千円）。公表年度：{shown}。",
                reports_table(vision, reports), "具体的取組"),
    ]  # fmt: skip
