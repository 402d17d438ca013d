"""Progress in the database: read actuals and reports, write them with their audit entries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from toshiken.accounts.audit import aware, record_change
from toshiken.accounts.model import Actor
from toshiken.accounts.orm import AuditRow
from toshiken.progress.model import Implementation, InitiativeReport, KpiActual
from toshiken.progress.orm import (
    InitiativeReportRow,
    KpiActualRow,
    PublicationRow,
    ReportSnapshotRow,
)
from toshiken.progress.snapshot import Snapshot, sha256

KPI_ENTITY = "kpi_actual"
REPORT_ENTITY = "initiative_report"
PUBLICATION_ENTITY = "publication"


def _exact(value: Decimal) -> Decimal:
    """Numeric columns come back padded (12.5000); give the value as it was entered."""
    value = Decimal(value)
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def _actual(row: KpiActualRow) -> KpiActual:
    return KpiActual(row.kpi_number, row.period, _exact(row.value), row.source, row.note)


def _actual_fields(a: KpiActual) -> dict[str, object]:
    return {"value": a.value, "source": a.source, "note": a.note}


def kpi_actuals(session: Session) -> list[KpiActual]:
    query = select(KpiActualRow).order_by(KpiActualRow.kpi_number, KpiActualRow.period)
    return [_actual(r) for r in session.scalars(query)]


def save_actuals(
    session: Session, actuals: Iterable[KpiActual], actor: Actor, now: datetime
) -> int:
    """Insert or replace actuals by (KPI, period); returns how many changed (each is audited)."""
    changed = 0
    for actual in actuals:
        row = session.get(KpiActualRow, (actual.kpi, actual.period))
        before = None if row is None else _actual_fields(_actual(row))
        if before == _actual_fields(actual):
            continue  # the same value again: nothing to write or log
        if row is None:
            row = KpiActualRow(kpi_number=actual.kpi, period=actual.period)
            session.add(row)
        row.value, row.source, row.note = actual.value, actual.source, actual.note
        row.updated_at, row.updated_by = now, actor.name
        key = f"{actual.kpi}/{actual.period}"
        changed += record_change(
            session, actor, KPI_ENTITY, key, before, _actual_fields(actual), now
        )
    session.flush()
    return changed


def delete_actual(session: Session, kpi: int, period: int, actor: Actor, now: datetime) -> bool:
    row = session.get(KpiActualRow, (kpi, period))
    if row is None:
        return False
    before = _actual_fields(_actual(row))
    session.delete(row)
    record_change(session, actor, KPI_ENTITY, f"{kpi}/{period}", before, None, now)
    return True


def _report(row: InitiativeReportRow) -> InitiativeReport:
    return InitiativeReport(
        row.initiative_id, row.fiscal_year, row.municipality_code, Implementation(row.status),
        row.spent, row.activities,
    )  # fmt: skip


def _report_fields(r: InitiativeReport) -> dict[str, object]:
    return {"status": r.status, "spent_thousand_yen": r.spent, "activities": r.activities}


def initiative_reports(session: Session, fiscal_year: int | None = None) -> list[InitiativeReport]:
    query = select(InitiativeReportRow).order_by(
        InitiativeReportRow.fiscal_year,
        InitiativeReportRow.initiative_id,
        InitiativeReportRow.municipality_code,
    )
    if fiscal_year is not None:
        query = query.where(InitiativeReportRow.fiscal_year == fiscal_year)
    return [_report(r) for r in session.scalars(query)]


def save_report(session: Session, report: InitiativeReport, actor: Actor, now: datetime) -> bool:
    """Insert or replace one participant's report; True when something changed (audited)."""
    key = (report.initiative_id, report.fiscal_year, report.municipality_code)
    row = session.get(InitiativeReportRow, key)
    before = None if row is None else _report_fields(_report(row))
    if before == _report_fields(report):
        return False  # the same report again: nothing to write or log
    if row is None:
        row = InitiativeReportRow(
            initiative_id=report.initiative_id, fiscal_year=report.fiscal_year,
            municipality_code=report.municipality_code,
        )  # fmt: skip
        session.add(row)
    row.status, row.spent, row.activities = report.status.value, report.spent, report.activities
    row.updated_at, row.updated_by = now, actor.name
    session.flush()
    return record_change(
        session, actor, REPORT_ENTITY, report.key, before, _report_fields(report), now,
        report.municipality_code,
    )  # fmt: skip


def last_change(session: Session) -> datetime | None:
    """When progress data last changed (any entry, correction, deletion or publication)."""
    entities = (KPI_ENTITY, REPORT_ENTITY, PUBLICATION_ENTITY)
    found = session.scalar(select(func.max(AuditRow.at)).where(AuditRow.entity.in_(entities)))
    return None if found is None else aware(found)


def published_years(session: Session) -> dict[int, datetime]:
    rows = session.scalars(select(PublicationRow).order_by(PublicationRow.fiscal_year))
    return {r.fiscal_year: aware(r.published_at) for r in rows}


def set_published(
    session: Session,
    fiscal_year: int,
    published: bool,
    actor: Actor,
    now: datetime,
    snapshot: Snapshot | None = None,
) -> bool:
    """Publish a fiscal year's dashboard and report to the public, or withdraw it.

    Publishing keeps `snapshot` (the report frozen); withdrawing drops it.
    """
    row = session.get(PublicationRow, fiscal_year)
    if published == (row is not None):
        return False
    session.execute(delete(ReportSnapshotRow).where(ReportSnapshotRow.fiscal_year == fiscal_year))
    before: dict[str, object] | None = None
    after: dict[str, object] | None = None
    if published:
        session.add(
            PublicationRow(fiscal_year=fiscal_year, published_at=now, published_by=actor.name)
        )
        after = {"published": True}
        if snapshot is not None:
            session.add(_snapshot_row(snapshot))
            after["inputs_sha256"] = snapshot.inputs_sha256
    else:
        session.execute(delete(PublicationRow).where(PublicationRow.fiscal_year == fiscal_year))
        before = {"published": True}
    return record_change(session, actor, PUBLICATION_ENTITY, str(fiscal_year), before, after, now)


def _snapshot_row(s: Snapshot) -> ReportSnapshotRow:
    return ReportSnapshotRow(
        fiscal_year=s.fiscal_year, published_at=s.published_at, published_by=s.published_by,
        inputs=s.inputs, inputs_sha256=s.inputs_sha256, figures=s.figures, html=s.html,
    )  # fmt: skip


def snapshots(session: Session) -> dict[int, Snapshot]:
    """Every published year's frozen report (without the PDF bytes)."""
    rows = session.scalars(select(ReportSnapshotRow).order_by(ReportSnapshotRow.fiscal_year))
    return {
        r.fiscal_year: Snapshot(
            r.fiscal_year, aware(r.published_at), r.published_by, r.inputs, r.inputs_sha256,
            r.figures, r.html, r.pdf_sha256,
        )
        for r in rows
    }  # fmt: skip


def snapshot_pdf(session: Session, fiscal_year: int) -> bytes | None:
    """The PDF kept for a published year, once it has been printed."""
    return session.scalar(
        select(ReportSnapshotRow.pdf).where(ReportSnapshotRow.fiscal_year == fiscal_year)
    )


def keep_pdf(session: Session, fiscal_year: int, pdf: bytes) -> str | None:
    """Store the PDF printed from a snapshot's HTML, unless one is kept already; its SHA-256."""
    row = session.get(ReportSnapshotRow, fiscal_year)
    if row is None:
        return None
    if row.pdf is None:
        row.pdf, row.pdf_sha256 = pdf, sha256(pdf)
    return row.pdf_sha256
