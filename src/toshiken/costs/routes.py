"""The cost pages: rules by kind, a calculator per rule, what-if, settlement, population sets."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from toshiken.accounts.guard import MaybeUser
from toshiken.accounts.model import User
from toshiken.accounts.permissions import is_internal, is_secretariat
from toshiken.core.i18n import install, language_of
from toshiken.core.web import SessionsDep, templates_for
from toshiken.costs import api, pages, queries, store
from toshiken.costs.calculate import InputError
from toshiken.costs.forms import Sent, add_population_set, read_form, settle_sent
from toshiken.costs.pages import CatalogDep, KnownInitiative
from toshiken.costs.rows import Row
from toshiken.costs.settlement import KINDS
from toshiken.costs.statements import XLSX, statements_html, statements_pdf, statements_xlsx
from toshiken.costs.terms import SettleKind
from toshiken.costs.uploads import Settled, SettleRefused
from toshiken.vision.model import FISCAL_YEARS

HERE = Path(__file__).parent
router = APIRouter()
router.include_router(api.router)
templates = templates_for(HERE / "templates")
install(templates.env)
templates.env.globals.update(
    field_labels=pages.FIELD_LABELS,
    roundings=pages.ROUNDING_CHOICES,
    fiscal_years=FISCAL_YEARS,
    settle_kinds=[(k.value, KINDS[k].label, KINDS[k].initiative_id) for k in SettleKind],
)
HTML = {"response_class": HTMLResponse, "include_in_schema": False}


def render(
    request: Request, name: str, context: dict[str, object], status: int = 200
) -> HTMLResponse:
    ctx = {"lang": language_of(request), **context}
    return templates.TemplateResponse(request, name, ctx, status_code=status)


@router.get("/costs/costs.css", include_in_schema=False)
def stylesheet() -> FileResponse:
    return FileResponse(HERE / "static" / "costs.css", media_type="text/css")


@router.get("/costs", **HTML)  # type: ignore[arg-type]
def index(request: Request, catalog: CatalogDep) -> HTMLResponse:
    return render(request, "costs/index.html", {"page": queries.index(catalog)})


def _settle_context(user: User | None, sent: Sent | None = None) -> dict[str, object]:
    values = sent.values if sent else {}
    return {"form": values, "can_save": is_internal(user), "errors": [], "settled": None}


@router.get("/costs/settle", **HTML)  # type: ignore[arg-type]
def settle_form(request: Request, catalog: CatalogDep, user: MaybeUser) -> HTMLResponse:
    return render(request, "costs/settle.html", _settle_context(user))


@router.post("/costs/settle", **HTML)  # type: ignore[arg-type]
async def settle_upload(
    request: Request, catalog: CatalogDep, sessions: SessionsDep, user: MaybeUser
) -> Response:
    sent = await read_form(await request.form())
    context = _settle_context(user, sent)
    now = datetime.now(UTC)
    try:
        settled, saved = settle_sent(sessions, catalog, user, sent, now)
    except SettleRefused as error:
        context["errors"] = error.issues
        return render(request, "costs/settle.html", context, 422)
    output = sent.values.get("output", "html")
    if output in ("xlsx", "pdf"):
        return _download(settled, output, catalog.vision.area_name, now)
    context.update(settled=settled, saved=saved)
    return render(request, "costs/settle.html", context)


def _download(settled: Settled, output: str, area: str, now: datetime) -> Response:
    name = f"statements-{settled.kind.value}-{settled.fiscal_year}.{output}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if output == "xlsx":
        body = statements_xlsx(settled.statements, settled.title, settled.fiscal_year)
        return Response(body, media_type=XLSX, headers=headers)
    html = statements_html(settled.statements, settled.title, settled.fiscal_year, now.date(), area)
    return Response(statements_pdf(html), media_type="application/pdf", headers=headers)


def _populations_context(sessions: SessionsDep, user: User | None) -> dict[str, object]:
    with sessions() as session:
        uploads = store.uploads(session)
    return {
        "sets": queries.population_choices(sessions),
        "uploads": uploads,
        "can_add": is_secretariat(user),
        "errors": [],
        "form": {},
        "added": None,
    }


@router.get("/costs/populations", **HTML)  # type: ignore[arg-type]
def populations(
    request: Request, catalog: CatalogDep, sessions: SessionsDep, user: MaybeUser
) -> HTMLResponse:
    return render(request, "costs/populations.html", _populations_context(sessions, user))


@router.post("/costs/populations", **HTML)  # type: ignore[arg-type]
async def add_population(
    request: Request, catalog: CatalogDep, sessions: SessionsDep, user: MaybeUser
) -> HTMLResponse:
    sent = await read_form(await request.form())
    try:
        added: Row | None = add_population_set(sessions, catalog, user, sent, datetime.now(UTC))
    except SettleRefused as error:
        context = _populations_context(sessions, user)
        context.update(errors=error.issues, form=sent.values)
        return render(request, "costs/populations.html", context, 422)
    context = _populations_context(sessions, user)
    context["added"] = added
    return render(request, "costs/populations.html", context)


@router.get("/costs/{initiative_id}", **HTML)  # type: ignore[arg-type]
def rule(
    request: Request, catalog: CatalogDep, sessions: SessionsDep, initiative_id: KnownInitiative
) -> HTMLResponse:
    page = queries.rule_page(catalog, initiative_id)
    params = dict(request.query_params)
    context: dict[str, object] = {
        "page": page, "sets": queries.population_choices(sessions), "form": params,
        "errors": [], "result": None,
    }  # fmt: skip
    if not queries.asked(params):
        return render(request, "costs/rule.html", context)
    try:
        context["result"] = queries.calculator(sessions, catalog, initiative_id, params)["result"]
    except InputError as error:
        context["errors"] = pages.error_rows(error.errors)
        return render(request, "costs/rule.html", context, 422)
    return render(request, "costs/rule.html", context)


@router.get("/costs/{initiative_id}/what-if", **HTML)  # type: ignore[arg-type]
def what_if(
    request: Request, catalog: CatalogDep, sessions: SessionsDep, initiative_id: KnownInitiative
) -> HTMLResponse:
    page = queries.rule_page(catalog, initiative_id)
    params = dict(request.query_params)
    members = request.query_params.getlist("members")
    if params.get("members_form") and not members:
        members = [""]  # the form was sent with every member unticked
    codes: list[str] = page["participant_codes"]  # type: ignore[assignment]
    chosen = set(members) if params.get("members_form") else set(codes)
    context: dict[str, object] = {
        "page": page, "sets": queries.population_choices(sessions), "form": params,
        "errors": [], "result": None,
        "members": [
            {"code": m.code, "name": m.name, "checked": m.code in chosen}
            for m in catalog.vision.municipalities
        ],
    }  # fmt: skip
    if not queries.asked(params):
        return render(request, "costs/whatif.html", context)
    try:
        context["result"] = queries.what_if_result(
            sessions, catalog, initiative_id, params, members
        )
    except InputError as error:
        context["errors"] = pages.error_rows(error.errors)
        return render(request, "costs/whatif.html", context, 422)
    return render(request, "costs/whatif.html", context)
