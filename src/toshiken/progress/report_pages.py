"""Initiative reports: each participant reports its part per fiscal year; internal users read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from toshiken.accounts.guard import CurrentUser, Forbidden
from toshiken.accounts.model import User
from toshiken.accounts.permissions import can_edit_municipality, editable_codes, is_secretariat
from toshiken.core.db import transaction
from toshiken.core.web import SessionsDep, found, not_found
from toshiken.progress import entry, store
from toshiken.progress.access import default_year, vision_or_503
from toshiken.progress.dashboard import schedule_state
from toshiken.progress.entry import FieldError
from toshiken.progress.model import Implementation, InitiativeReport
from toshiken.progress.pages import templates
from toshiken.vision.model import FISCAL_YEARS, Initiative, Vision

router = APIRouter()
Year = Annotated[int | None, Query(ge=2000, le=2100)]


def _year(fy: int | None) -> int:
    year = fy or default_year(date.today())
    if year not in FISCAL_YEARS:
        raise not_found(f"fiscal year {year}")
    return year


def _initiative(vision: Vision, initiative_id: str) -> Initiative:
    return found(vision.initiative_by_id(initiative_id), f"initiative {initiative_id}")


def _reports(sessions: SessionsDep, year: int) -> list[InitiativeReport]:
    with sessions() as session:
        return store.initiative_reports(session, year)


@router.get("/progress/reports", response_class=HTMLResponse, include_in_schema=False)
def reports_page(
    request: Request, sessions: SessionsDep, user: CurrentUser, fy: Year = None
) -> Response:
    """The initiatives of the year with their state; staff see their municipality's first."""
    vision = vision_or_503(sessions)
    year = _year(fy)
    reports = _reports(sessions, year)
    lines = []
    for i in vision.initiatives:
        mine = [r for r in reports if r.initiative_id == i.id]
        editable = editable_codes(user, i.participants)
        lines.append({"initiative": i, "state": schedule_state(mine), "reported": len(mine),
                      "editable": bool(editable)})  # fmt: skip
    context = {"user": user, "vision": vision, "fy": year, "years": FISCAL_YEARS, "lines": lines}
    return templates.TemplateResponse(request, "reports.html", context)


@router.get("/api/progress/reports")
def api_reports(
    sessions: SessionsDep, user: CurrentUser, fy: Year = None
) -> list[dict[str, object]]:
    """Every participant's report for a fiscal year (signed-in users)."""
    return [
        {"initiative_id": r.initiative_id, "fiscal_year": r.fiscal_year,
         "municipality_code": r.municipality_code, "status": r.status.value,
         "spent_thousand_yen": r.spent, "activities": r.activities}
        for r in _reports(sessions, _year(fy))
    ]  # fmt: skip


def _detail(
    request: Request,
    sessions: SessionsDep,
    user: User,
    initiative: Initiative,
    year: int,
    errors: list[FieldError] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    vision = vision_or_503(sessions)
    reports = [r for r in _reports(sessions, year) if r.initiative_id == initiative.id]
    names = {m.code: m.name for m in vision.municipalities}
    editable = editable_codes(user, initiative.participants)
    context = {
        "user": user, "i": initiative, "fy": year, "years": FISCAL_YEARS, "names": names,
        "reports": {r.municipality_code: r for r in reports}, "editable": editable,
        "statuses": list(Implementation), "errors": errors or [],
        "form": form or {}, "saved": request.query_params.get("saved"),
    }  # fmt: skip
    return templates.TemplateResponse(request, "report.html", context, status_code=status_code)


@router.get(
    "/progress/reports/{initiative_id}", response_class=HTMLResponse, include_in_schema=False
)
def report_page(
    request: Request, sessions: SessionsDep, user: CurrentUser, initiative_id: str, fy: Year = None
) -> Response:
    initiative = _initiative(vision_or_503(sessions), initiative_id)
    return _detail(request, sessions, user, initiative, _year(fy))


@router.post(
    "/progress/reports/{initiative_id}", response_class=HTMLResponse, include_in_schema=False
)
async def save_report(
    request: Request, sessions: SessionsDep, user: CurrentUser, initiative_id: str
) -> Response:
    """One participant's part: staff for their municipality, the secretariat for anyone."""
    initiative = _initiative(vision_or_503(sessions), initiative_id)
    async with request.form() as data:
        form = {k: v for k, v in data.items() if isinstance(v, str)}
    code = form.get("municipality", "").strip()
    if not can_edit_municipality(user, code):
        raise Forbidden("you may report only for your own municipality")
    if code not in initiative.participants:
        if not is_secretariat(user):
            raise Forbidden("your municipality does not take part in this initiative")
        errors = [FieldError("municipality", "not_participant", code)]
        year = _year(None)
        return _detail(request, sessions, user, initiative, year, errors, form, 400)
    report, errors = entry.initiative_report(form, initiative.id, FISCAL_YEARS)
    if report is None:
        year = (
            _year(None)
            if any(e.field == "fiscal_year" for e in errors)
            else int(form["fiscal_year"])
        )
        return _detail(request, sessions, user, initiative, year, errors, form, 400)
    with transaction(sessions) as session:
        store.save_report(session, report, user.actor, datetime.now(UTC))
    target = f"/progress/reports/{initiative.id}?fy={report.fiscal_year}&saved={code}"
    return RedirectResponse(target, status_code=303)
