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
from toshiken.progress import kpi_pages, report_pages, store
from toshiken.progress.access import dashboard_for, load_progress, pick_year, readable_years
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
router.include_router(report_pages.router)
Year = Annotated[int | None, Query(ge=2000, le=2100, description="Fiscal year")]
# The standalone report carries its own styles; it runs no script and loads nothing.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


@router.get("/progress", response_class=HTMLResponse, include_in_schema=False)
def dashboard_page(
    request: Request, sessions: SessionsDep, user: MaybeUser, fy: Year = None
) -> Response:
    vision = vision_of(sessions)
    progress = load_progress(sessions)
    years = readable_years(user, progress.published)
    if not years:
        return templates.TemplateResponse(request, "unpublished.html", {"user": user})
    year = pick_year(user, fy, progress.published, date.today())
    d = dashboard_for(vision, progress, year)
    context = {
        "user": user, "vision": vision, "d": d, "fy": year, "years": years,
        "published": year in progress.published, "internal": is_internal(user),
        "secretariat": is_secretariat(user),
        "charts": {line.kpi.number: kpi_path(line) for line in d.kpis},
        "spending_chart": spending_bars(d.spending["pillar"], "pillars", "柱別の事業費（千円）"),
    }  # fmt: skip
    return templates.TemplateResponse(request, "dashboard.html", context)


@router.get("/api/progress")
def api_dashboard(sessions: SessionsDep, user: MaybeUser, fy: Year = None) -> dict[str, object]:
    """The dashboard's figures for a fiscal year (the public: published years only)."""
    vision = vision_of(sessions)
    progress = load_progress(sessions)
    year = pick_year(user, fy, progress.published, date.today())
    names = {m.code: m.name for m in vision.municipalities}
    data = dashboard_dict(dashboard_for(vision, progress, year), names)
    data["published"] = year in progress.published
    return data


@router.get("/progress/report/{fiscal_year}.{fmt}", include_in_schema=False)
def annual_report(
    sessions: SessionsDep, user: MaybeUser, fiscal_year: int, fmt: ReportFormat
) -> Response:
    """The council's annual report as HTML, PDF or Excel."""
    vision = vision_of(sessions)
    progress = load_progress(sessions)
    year = pick_year(user, fiscal_year, progress.published, date.today())
    d = dashboard_for(vision, progress, year)
    published = year in progress.published
    headers = {"Content-Disposition": f'attachment; filename="{file_name(year, fmt)}"'}
    if fmt is ReportFormat.xlsx:
        return Response(render_xlsx(vision, d), media_type=MEDIA_TYPES[fmt], headers=headers)
    html = render_html(vision, d, published, progress.last_change)
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
    with transaction(sessions) as session:
        store.set_published(
            session, fiscal_year, action == "publish", user.actor, datetime.now(UTC)
        )
    return RedirectResponse(f"/progress?fy={fiscal_year}", status_code=303)
