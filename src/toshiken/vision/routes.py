"""The vision's public pages; each reads the serializer its /api twin (vision/api.py) returns."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import cast

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.concurrency import run_in_threadpool

from toshiken.core.i18n import N_, context_language, gettext, install, language_of
from toshiken.core.web import not_found, templates_for
from toshiken.vision import api, figures, pages
from toshiken.vision.matching import split_marked
from toshiken.vision.model import FISCAL_YEARS
from toshiken.vision.params import (
    InitiativeId,
    MunicipalityCode,
    MunicipalityFilter,
    Order,
    PillarFilter,
    PillarNumber,
    PolicyFilter,
    PolicyId,
    SearchQuery,
    Sort,
    VisionDep,
    YearFilter,
)
from toshiken.vision.search import recall, search

router = APIRouter()
router.include_router(api.router)
FIELD_LABELS = {
    "description": N_("事業内容"), "roles": N_("役割分担"), "effect": N_("効果"),
    "direction": N_("内容"), "agreement_content": N_("連携協約の取組内容"),
    "hub_role": N_("熊本市の役割"), "neighbour_role": N_("近隣市町村の役割"),
}  # fmt: skip


@pass_context
def name_of(ctx: Context, member: Mapping[str, object]) -> str:
    """A member's name in the reader's language (熊本市 / Kumamoto)."""
    return str(member["name" if context_language(ctx) == "ja" else "name_en"])


def decimal_text(value: object) -> str:
    """'5094158' -> '5,094,158'; '12.5' stays."""
    return f"{Decimal(str(value)):,}"


templates = templates_for(Path(__file__).parent / "templates")
install(templates.env)
templates.env.globals.update(
    marked=split_marked, fiscal_years=FISCAL_YEARS, name_of=name_of, field_labels=FIELD_LABELS
)
templates.env.filters["decimal"] = decimal_text
Budget = Mapping[str, int | None]
Rows = list[Mapping[str, object]]


def render(request: Request, name: str, **context: object) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"lang": language_of(request), **context})


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def home(request: Request, vision: VisionDep) -> HTMLResponse:
    page = pages.home(vision)
    lang = language_of(request)
    title = gettext(lang, "年度別事業費（具体的取組の合計）")
    by_year = cast(Budget, page["budget_by_year_thousand_yen"])
    return render(
        request,
        "home.html",
        page=page,
        budget_chart=figures.budget_by_year("budget-years", title, by_year, lang),
        pillar_chart=figures.pillar_budgets("budget-pillars", cast(Rows, page["pillars"]), lang),
        population_chart=figures.population("population", cast(Rows, page["members"]), lang),
    )


@router.get("/municipalities", response_class=HTMLResponse, include_in_schema=False)
async def municipalities(
    request: Request, vision: VisionDep, sort: Sort = "order", order: Order = "asc"
) -> HTMLResponse:
    rows = pages.municipalities(vision, sort, order == "desc")
    return render(request, "municipalities.html", rows=rows, sort=sort, order=order)


@router.get("/municipalities/{code}", response_class=HTMLResponse, include_in_schema=False)
async def municipality(request: Request, vision: VisionDep, code: MunicipalityCode) -> HTMLResponse:
    try:
        page = pages.municipality(vision, code)
    except pages.NotFound as exc:
        raise not_found(str(exc)) from None
    lang = language_of(request)
    title = gettext(lang, "参加する取組の事業費（年度別）")
    chart = figures.budget_by_year(
        "budget-years",
        title,
        cast(Budget, page["budget_by_year_thousand_yen"]),
        lang,
    )
    return render(request, "municipality.html", page=page, chart=chart, chart_title=title)


@router.get("/pillars", response_class=HTMLResponse, include_in_schema=False)
async def pillars(request: Request, vision: VisionDep) -> HTMLResponse:
    return render(
        request, "pillars.html", tree=pages.pillars(vision),
        policy_count=len(vision.policies), initiative_count=len(vision.initiatives),
    )  # fmt: skip


@router.get("/pillars/{number}", response_class=HTMLResponse, include_in_schema=False)
async def pillar(request: Request, vision: VisionDep, number: PillarNumber) -> HTMLResponse:
    try:
        return render(request, "pillar.html", pillar=pages.pillar(vision, number))
    except pages.NotFound as exc:
        raise not_found(str(exc)) from None


@router.get("/policies/{policy_id}", response_class=HTMLResponse, include_in_schema=False)
async def policy(request: Request, vision: VisionDep, policy_id: PolicyId) -> HTMLResponse:
    try:
        return render(request, "policy.html", policy=pages.policy(vision, policy_id))
    except pages.NotFound as exc:
        raise not_found(str(exc)) from None


@router.get("/initiatives", response_class=HTMLResponse, include_in_schema=False)
async def initiatives(
    request: Request,
    vision: VisionDep,
    municipality: MunicipalityFilter = None,
    pillar: PillarFilter = None,
    year: YearFilter = None,
) -> HTMLResponse:
    rows = api.initiative_list(vision, municipality, pillar, None, year)
    filters = {"municipality": municipality, "pillar": pillar, "year": year}
    return render(request, "initiatives.html", rows=rows, filters=filters, vision=vision)


@router.get("/initiatives/{initiative_id}", response_class=HTMLResponse, include_in_schema=False)
async def initiative(
    request: Request, vision: VisionDep, initiative_id: InitiativeId
) -> HTMLResponse:
    try:
        page = pages.initiative(vision, initiative_id)
    except pages.NotFound as exc:
        raise not_found(str(exc)) from None
    lang = language_of(request)
    title = gettext(lang, "年度別事業費")
    chart = figures.budget_by_year(
        "budget-years",
        title,
        cast(Budget, page["budget_thousand_yen"]),
        lang,
    )
    return render(request, "initiative.html", page=page, chart=chart, chart_title=title)


@router.get("/matrix", response_class=HTMLResponse, include_in_schema=False)
async def matrix(
    request: Request,
    vision: VisionDep,
    pillar: PillarFilter = None,
    policy: PolicyFilter = None,
    municipality: MunicipalityFilter = None,
) -> HTMLResponse:
    page = api.matrix_page(vision, pillar, policy, municipality)
    return render(request, "matrix.html", page=page, vision=vision)


@router.get("/kpis", response_class=HTMLResponse, include_in_schema=False)
async def kpis(request: Request, vision: VisionDep) -> HTMLResponse:
    return render(request, "kpis.html", rows=pages.kpis(vision))


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
async def search_page(request: Request, vision: VisionDep, q: SearchQuery = "") -> HTMLResponse:
    result = recall(vision, q)
    if result is None:  # ask the index, off the event loop
        sessions = request.app.state.runtime.sessions
        result = await run_in_threadpool(search, sessions, vision, q)
    return render(request, "search.html", q=q, result=result)
