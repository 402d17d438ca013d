"""KPI actuals: the list and entry form, the Excel template and the all-or-nothing upload."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from toshiken.accounts.guard import CurrentUser, SecretariatUser
from toshiken.accounts.model import User
from toshiken.accounts.permissions import is_secretariat
from toshiken.core.db import transaction
from toshiken.core.web import SessionsDep
from toshiken.progress import entry, store
from toshiken.progress.access import default_year, load_progress, vision_or_503
from toshiken.progress.entry import FieldError
from toshiken.progress.pages import templates
from toshiken.progress.workbook import XLSX, UploadRejected, build_template, read_upload
from toshiken.vision.model import Vision

router = APIRouter()


def _page(
    request: Request,
    sessions: SessionsDep,
    user: User,
    vision: Vision,
    errors: list[FieldError] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    with sessions() as session:
        actuals = store.kpi_actuals(session)
    context = {
        "user": user, "vision": vision, "actuals": actuals, "errors": errors or [],
        "form": form or {"period": str(default_year(date.today()))},
        "can_edit": is_secretariat(user), "saved": request.query_params.get("saved"),
    }  # fmt: skip
    return templates.TemplateResponse(request, "kpis.html", context, status_code=status_code)


@router.get("/progress/kpis", response_class=HTMLResponse, include_in_schema=False)
def kpis_page(request: Request, sessions: SessionsDep, user: CurrentUser) -> Response:
    return _page(request, sessions, user, vision_or_503(sessions))


@router.post("/progress/kpis", response_class=HTMLResponse, include_in_schema=False)
async def save_kpi_actual(
    request: Request, sessions: SessionsDep, user: SecretariatUser
) -> Response:
    """Add or replace one actual (KPIs are partnership-wide: the secretariat enters them)."""
    vision = vision_or_503(sessions)
    async with request.form() as data:
        form = {k: v for k, v in data.items() if isinstance(v, str)}
    actual, errors = entry.kpi_actual(form, {k.number for k in vision.kpis})
    if actual is None:
        return _page(request, sessions, user, vision, errors, form, status_code=400)
    with transaction(sessions) as session:
        store.save_actuals(session, [actual], user.actor, datetime.now(UTC))
    return RedirectResponse(f"/progress/kpis?saved={actual.kpi}#kpi-{actual.kpi}", 303)


@router.post("/progress/kpis/delete", include_in_schema=False)
def delete_kpi_actual(
    sessions: SessionsDep,
    user: SecretariatUser,
    kpi: Annotated[int, Form()],
    period: Annotated[int, Form()],
) -> Response:
    with transaction(sessions) as session:
        store.delete_actual(session, kpi, period, user.actor, datetime.now(UTC))
    return RedirectResponse(f"/progress/kpis#kpi-{kpi}", status_code=303)


@router.get("/api/progress/actuals")
def api_actuals(sessions: SessionsDep, user: CurrentUser) -> list[dict[str, object]]:
    """Every recorded KPI actual (signed-in users)."""
    return [
        {"kpi": a.kpi, "period": a.period, "value": str(a.value), "source": a.source,
         "note": a.note}
        for a in load_progress(sessions).actuals
    ]  # fmt: skip


@router.get("/progress/kpis/template.xlsx", include_in_schema=False)
def template(sessions: SessionsDep, user: SecretariatUser, year: int | None = None) -> Response:
    """The pre-filled workbook: every KPI, its actuals, an empty row for the year."""
    vision = vision_or_503(sessions)
    year = year or default_year(date.today())
    with sessions() as session:
        data = build_template(vision.kpis, store.kpi_actuals(session), year)
    headers = {"Content-Disposition": f'attachment; filename="kpi-actuals-{year}.xlsx"'}
    return Response(data, media_type=XLSX, headers=headers)


@router.get("/progress/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_page(request: Request, user: SecretariatUser) -> Response:
    return templates.TemplateResponse(
        request, "upload.html", {"user": user, "errors": [], "year": default_year(date.today())}
    )


@router.post("/progress/upload", response_class=HTMLResponse, include_in_schema=False)
async def upload(
    request: Request,
    sessions: SessionsDep,
    user: SecretariatUser,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Save every row of the workbook, or none: a bad row is reported with its place."""
    vision = vision_or_503(sessions)
    context: dict[str, object] = {"user": user, "year": default_year(date.today())}
    data = await file.read() if file is not None else b""
    if file is None or not file.filename:
        context["errors"] = [{"code": "no_file"}]
        return templates.TemplateResponse(request, "upload.html", context, status_code=400)
    try:
        actuals = read_upload(data, {k.number for k in vision.kpis})
    except UploadRejected as exc:
        context["errors"] = [e.as_row() for e in exc.errors]
        return templates.TemplateResponse(request, "upload.html", context, status_code=400)
    with transaction(sessions) as session:
        changed = store.save_actuals(session, actuals, user.actor, datetime.now(UTC))
    context.update(errors=[], rows=len(actuals), changed=changed, file_name=file.filename)
    return templates.TemplateResponse(request, "upload.html", context)
