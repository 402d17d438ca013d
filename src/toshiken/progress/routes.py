"""The progress dashboard, the annual report downloads and publication; mounts the entry pages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from toshiken.accounts.guard import MaybeUser, SecretariatUser
from toshiken.accounts.permissions import is_internal, is_secretariat
from toshiken.core.db import transaction
from toshiken.core.web import SessionsDep
from toshiken.progress import kpi_pages, report_pages, report_upload, store
from toshiken.progress.access import (
    load_progress,
    new_snapshot,
    pick_year,
    readable_years,
    year_view,
)
from toshiken.progress.access import vision_or_503 as vision_of
from toshiken.progress.annual import (
    MEDIA_TYPES,
    ReportFormat,
    file_name,
    render_html,
    render_pdf,
    render_xlsx,
)
from toshiken.progress.charts import kpi_path, spending_bars
from toshiken.progress.pages import templates
from toshiken.progress.rows import dashboard_dict
from toshiken.vision.model import FISCAL_YEARS

router = APIRouter()
router.include_router(kpi_pages.router)
router.include_router(report_upload.router)  # before /progress/reports/{initiative_id}
router.include_router(report_pages.router)
Year = Annotated[int | None, Query(ge=2000, le=2100, description="Fiscal year")]
Live = Annotated[
    bool, Query(description="Signed-in users: the live figures instead of the published ones")
]
# The standalone report carries its own styles; it runs no script and loads nothing.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


@router.get("/progress", response_class=HTMLResponse, include_in_schema=False)
def dashboard_page(
    request: Request, sessions: SessionsDep, user: MaybeUser, fy: Year = None, live: Live = False
) -> Response:
    vision = vision_of(sessions)
    progress = load_progress(sessions)
    years = readable_years(user, progress.published)
    if not years:
        return templates.TemplateResponse(request, "unpublished.html", {"user": user})
    year = pick_year(user, fy, progress.published, date.today())
    view = year_view(vision, progress, year, live and is_internal(user))
    d = view.dashboard
    context = {
        "user": user, "vision": vision, "d": d, "fy": year, "years": years,
        "published": year in progress.published, "internal": is_internal(user),
        "snapshot": view.snapshot, "live_changed": view.live_changed,
        "secretariat": is_secretariat(user),
        "charts": {line.kpi.number: kpi_path(line) for line in d.kpis},
        "spending_chart": spending_bars(d.spending["pillar"], "pillars", "柱別の事業費（千円）"),
    }  # fmt: skip
    return templates.TemplateResponse(request, "dashboard.html", context)


@router.get("/api/progress")
def api_dashboard(
    sessions: SessionsDep, user: MaybeUser, fy: Year = None, live: Live = False
) -> dict[str, object]:
    """The dashboard's figures for a fiscal year (the public: published years only).

    A published year gives the figures as published; `live_changed` says whether the data has
    changed since. Signed-in users may ask for the live figures with `live=true`.
    """
    vision = vision_of(sessions)
    progress = load_progress(sessions)
    year = pick_year(user, fy, progress.published, date.today())
    view = year_view(vision, progress, year, live and is_internal(user))
    names = {m.code: m.name for m in vision.municipalities}
    snap = view.snapshot
    data = dict(snap.figures) if snap else dashboard_dict(view.dashboard, names)
    data["published"] = year in progress.published
    data["published_at"] = snap.published_at.isoformat() if snap else None
    data["inputs_sha256"] = snap.inputs_sha256 if snap else None
    data["live_changed"] = view.live_changed
    return data


@router.get("/progress/report/{fiscal_year}.{fmt}", include_in_schema=False)
def annual_report(
    sessions: SessionsDep,
    user: MaybeUser,
    fiscal_year: int,
    fmt: ReportFormat,
    live: Live = False,
) -> Response:
    """The council's annual report as HTML, PDF or Excel; a published year as it was published."""
    vision = vision_of(sessions)
    progress = load_progress(sessions)
    year = pick_year(user, fiscal_year, progress.published, date.today())
    view = year_view(vision, progress, year, live and is_internal(user))
    d = view.dashboard
    headers = {"Content-Disposition": f'attachment; filename="{file_name(year, fmt)}"'}
    if fmt is ReportFormat.xlsx:
        return Response(render_xlsx(vision, d), media_type=MEDIA_TYPES[fmt], headers=headers)
    if view.snapshot is not None:
        html = view.snapshot.html
        if fmt is ReportFormat.pdf:
            pdf = _kept_pdf(sessions, year, html)
            return Response(pdf, media_type=MEDIA_TYPES[fmt], headers=headers)
    else:
        html = render_html(vision, d, year in progress.published, progress.last_change)
    if fmt is ReportFormat.pdf:
        return Response(render_pdf(html), media_type=MEDIA_TYPES[fmt], headers=headers)
    headers = {"Content-Security-Policy": REPORT_CSP}
    return Response(html, media_type=MEDIA_TYPES[fmt], headers=headers)


@router.post("/progress/publish", include_in_schema=False)
def publish(
    sessions: SessionsDep,
    user: SecretariatUser,
    fiscal_year: Annotated[int, Form()],
    action: Annotated[str, Form()] = "publish",
) -> Response:
    """Publish a fiscal year's dashboard and report to the public, or withdraw it."""
    if fiscal_year not in FISCAL_YEARS or action not in ("publish", "withdraw"):
        raise HTTPException(
            400, "fiscal_year must be a year of the vision; action publish|withdraw"
        )
    now = datetime.now(UTC)
    publish = action == "publish"
    snapshot = None
    if publish:
        snapshot = new_snapshot(
            vision_of(sessions), load_progress(sessions), fiscal_year, user.username, now
        )
    with transaction(sessions) as session:
        store.set_published(session, fiscal_year, publish, user.actor, now, snapshot)
    return RedirectResponse(f"/progress?fy={fiscal_year}", status_code=303)


def _kept_pdf(sessions: SessionsDep, fiscal_year: int, html: str) -> bytes:
    """A published year's PDF: printed once from the frozen HTML, then served as kept."""
    with sessions() as session:
        kept = store.snapshot_pdf(session, fiscal_year)
    if kept is not None:
        return kept
    pdf = render_pdf(html)
    with transaction(sessions) as session:
        store.keep_pdf(session, fiscal_year, pdf)
    return pdf
