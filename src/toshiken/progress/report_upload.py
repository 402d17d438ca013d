"""Initiative reports by Excel: the template of a year and the all-or-nothing upload."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from toshiken.accounts.guard import CurrentUser, Forbidden
from toshiken.accounts.model import Role, User
from toshiken.accounts.permissions import can_edit_municipality
from toshiken.core.db import transaction
from toshiken.core.web import SessionsDep
from toshiken.progress import store
from toshiken.progress.access import default_year, vision_or_503
from toshiken.progress.pages import templates
from toshiken.progress.report_workbook import Slot, build_template, read_upload
from toshiken.progress.workbook import XLSX, UploadRejected
from toshiken.vision.model import FISCAL_YEARS, Vision

router = APIRouter()


def reporter(user: CurrentUser) -> User:
    """Staff and the secretariat report; viewers only read."""
    if user.role not in (Role.staff, Role.secretariat):
        raise Forbidden("only municipality staff and the secretariat report initiatives")
    return user


Reporter = Annotated[User, Depends(reporter)]


def _slots(vision: Vision, user: User) -> list[Slot]:
    names = {m.code: m.name for m in vision.municipalities}
    return [
        Slot(i.id, i.title, code, names.get(code, code))
        for i in vision.initiatives
        for code in i.participants
        if can_edit_municipality(user, code)
    ]


def _year(fy: int | None) -> int:
    return fy if fy in FISCAL_YEARS else default_year(date.today())


@router.get("/progress/reports/template.xlsx", include_in_schema=False)
def report_template(sessions: SessionsDep, user: Reporter, fy: int | None = None) -> Response:
    """The year's template: a row for each part the user may report, pre-filled."""
    vision = vision_or_503(sessions)
    year = _year(fy)
    with sessions() as session:
        reports = store.initiative_reports(session, year)
    data = build_template(_slots(vision, user), reports, year)
    code = user.municipality_code or "all"
    name = f"initiative-reports-{year}-{code}.xlsx"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type=XLSX, headers=headers)


def _page(request: Request, user: User, status_code: int = 200, **extra: object) -> Response:
    context = {"user": user, "errors": [], "years": FISCAL_YEARS,
               "year": default_year(date.today()), **extra}  # fmt: skip
    return templates.TemplateResponse(
        request, "report_upload.html", context, status_code=status_code
    )


@router.get("/progress/reports/upload", response_class=HTMLResponse, include_in_schema=False)
def report_upload_page(request: Request, user: Reporter) -> Response:
    return _page(request, user)


@router.post("/progress/reports/upload", response_class=HTMLResponse, include_in_schema=False)
async def report_upload(
    request: Request,
    sessions: SessionsDep,
    user: Reporter,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Save every report of the workbook, or none: a bad row is reported with its place."""
    vision = vision_or_503(sessions)
    if file is None or not file.filename:
        return _page(request, user, 400, errors=[{"code": "no_file"}])
    data = await file.read()
    participants = {i.id: i.participants for i in vision.initiatives}
    try:
        reports = read_upload(
            data, participants, lambda code: can_edit_municipality(user, code), FISCAL_YEARS
        )
    except UploadRejected as exc:
        return _page(request, user, 400, errors=[e.as_row() for e in exc.errors])
    now = datetime.now(UTC)
    with transaction(sessions) as session:
        changed = sum(store.save_report(session, r, user.actor, now) for r in reports)
    return _page(request, user, rows=len(reports), changed=changed, file_name=file.filename)
