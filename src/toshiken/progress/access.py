"""What every progress route needs: the vision, the stored progress, and who may read which year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from fastapi import HTTPException
from sqlalchemy.orm import Session, sessionmaker

from toshiken.accounts.model import User
from toshiken.accounts.permissions import is_internal
from toshiken.core.fiscal import fiscal_year_of
from toshiken.progress import store
from toshiken.progress.annual import render_html
from toshiken.progress.dashboard import Dashboard, build_dashboard
from toshiken.progress.model import InitiativeReport, KpiActual
from toshiken.progress.rows import dashboard_dict
from toshiken.progress.snapshot import Snapshot, digest, freeze, thaw
from toshiken.vision.load import current_vision
from toshiken.vision.model import FISCAL_YEARS, Vision


@dataclass(frozen=True)
class Progress:
    actuals: list[KpiActual]
    reports: list[InitiativeReport]
    published: dict[int, datetime]
    last_change: datetime | None = None
    snapshots: dict[int, Snapshot] = field(default_factory=dict)


@dataclass(frozen=True)
class YearView:
    """A year as shown: the published snapshot's figures, or the live ones."""

    dashboard: Dashboard
    snapshot: Snapshot | None  # the frozen report shown, None when showing live data
    live_changed: bool  # the live data differs from what was published


def vision_or_503(sessions: sessionmaker[Session]) -> Vision:
    vision = current_vision(sessions)
    if vision is None:
        raise HTTPException(503, "no vision is loaded yet: run `toshiken load`")
    return vision


def load_progress(sessions: sessionmaker[Session]) -> Progress:
    with sessions() as session:
        return Progress(
            store.kpi_actuals(session),
            store.initiative_reports(session),
            store.published_years(session),
            store.last_change(session),
            store.snapshots(session),
        )


def default_year(today: date) -> int:
    """The current fiscal year, kept within the vision's period."""
    return min(max(fiscal_year_of(today), FISCAL_YEARS[0]), FISCAL_YEARS[-1])


def readable_years(user: User | None, published: dict[int, datetime]) -> list[int]:
    """Internal users read every year of the vision; the public only the published ones."""
    if is_internal(user):
        return list(FISCAL_YEARS)
    return [fy for fy in FISCAL_YEARS if fy in published]


def pick_year(
    user: User | None, fy: int | None, published: dict[int, datetime], today: date
) -> int:
    """The year asked for if readable; with none asked, the current or latest published one.

    The public asking for an unpublished (or unknown) year gets 404, as if it did not exist.
    """
    years = readable_years(user, published)
    if fy is None:
        if not years:
            raise HTTPException(404, "no fiscal year is published yet")
        wanted = default_year(today)
        return wanted if wanted in years else years[-1]
    if fy not in years:
        raise HTTPException(404, f"fiscal year {fy} is not available")
    return fy


def dashboard_for(vision: Vision, progress: Progress, fiscal_year: int) -> Dashboard:
    return build_dashboard(vision, progress.actuals, progress.reports, fiscal_year)


def year_view(vision: Vision, progress: Progress, fiscal_year: int, live: bool = False) -> YearView:
    """A published year shows its snapshot (unless `live`), noting when the data changed since."""
    snapshot = progress.snapshots.get(fiscal_year) if fiscal_year in progress.published else None
    if snapshot is None:
        return YearView(dashboard_for(vision, progress, fiscal_year), None, False)
    now = digest(freeze(fiscal_year, progress.actuals, progress.reports))
    changed = now != snapshot.inputs_sha256
    if live:
        return YearView(dashboard_for(vision, progress, fiscal_year), None, changed)
    actuals, reports = thaw(snapshot.inputs)
    return YearView(build_dashboard(vision, actuals, reports, fiscal_year), snapshot, changed)


def new_snapshot(
    vision: Vision, progress: Progress, fiscal_year: int, by: str, now: datetime
) -> Snapshot:
    """Freeze a year's report as it stands now (what publishing keeps)."""
    inputs = freeze(fiscal_year, progress.actuals, progress.reports)
    actuals, reports = thaw(inputs)
    dashboard = build_dashboard(vision, actuals, reports, fiscal_year)
    names = {m.code: m.name for m in vision.municipalities}
    html = render_html(vision, dashboard, True, now)
    figures = dashboard_dict(dashboard, names)
    return Snapshot(fiscal_year, now, by, inputs, digest(inputs), figures, html)
