"""The vision's public pages; each reads the serializer its /api twin (vision/api.py) returns."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TypeVar, cast

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.concurrency import run_in_threadpool

from toshiken.core.i18n import N_, context_language, gettext, install, language_of
from toshiken.core.web import not_found, templates_for
from toshiken.vision import api, figures, grid, pages
from toshiken.vision.blocks import page_blocks
from toshiken.vision.matching import split_marked
from toshiken.vision.model import FISCAL_YEARS, Vision
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
T = TypeVar("T")


def render(request: Request, name: str, **context: object) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"lang": language_of(request), **context})


def page_of(
    request: Request,
    vision: Vision,
    name: str,
    key: tuple[Hashable, ...],
    build: Callable[[str], Mapping[str, object]],
) -> HTMLResponse:
    """A page whose blocks are rendered once per vision, key and language (vision/blocks.py);
    `build(lang)` gives the template's context on a miss."""
    lang = language_of(request)
    blocks = page_blocks(templates.env, vision, name, key, lang, lambda: build(lang))
    return templates.TemplateResponse(request, "_page.html", {"lang": lang, "blocks": blocks})


def found(function: Callable[..., T], *args: object) -> T:
    """`function(*args)`, with an unknown id as a 404."""
    try:
        return function(*args)
    except pages.NotFound as exc:
        raise not_found(str(exc)) from None


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def home(request: Request, vision: VisionDep) -> HTMLResponse:
    def build(lang: str) -> dict[str, object]:
        page = pages.home(vision)
        title = gettext(lang, "年度別事業費（具体的取組の合計）")
        by_year = cast(Budget, page["budget_by_year_thousand_yen"])
        rows = cast(Rows, page["pillars"])
        return {
            "page": page,
            "budget_chart": figures.budget_by_year("budget-years", title, by_year, lang),
            "pillar_chart": figures.pillar_budgets("budget-pillars", rows, lang),
            "population_chart": figures.population("population", cast(Rows, page["members"]), lang),
        }

    return page_of(request, vision, "home.html", (), build)


@router.get("/municipalities", response_class=HTMLResponse, include_in_schema=False)
async def municipalities(
    request: Request, vision: VisionDep, sort: Sort = "order", order: Order = "asc"
) -> HTMLResponse:
    def build(lang: str) -> dict[str, object]:
        rows = pages.municipalities(vision, sort, order == "desc")
        return {"rows": rows, "sort": sort, "order": order}

    return page_of(request, vision, "municipalities.html", (sort, order), build)


@router.get("/municipalities/{code}", response_class=HTMLResponse, include_in_schema=False)
async def municipality(request: Request, vision: VisionDep, code: MunicipalityCode) -> HTMLResponse:
    page = found(pages.municipality, vision, code)

    def build(lang: str) -> dict[str, object]:
        title = gettext(lang, "参加する取組の事業費（年度別）")
        by_year = cast(Budget, page["budget_by_year_thousand_yen"])
        chart = figures.budget_by_year("budget-years", title, by_year, lang)
        return {"page": page, "chart": chart, "chart_title": title}

    return page_of(request, vision, "municipality.html", (code,), build)


@router.get("/pillars", response_class=HTMLResponse, include_in_schema=False)
async def pillars(request: Request, vision: VisionDep) -> HTMLResponse:
    def build(lang: str) -> dict[str, object]:
        return {"tree": pages.pillars(vision), "policy_count": len(vision.policies),
                "initiative_count": len(vision.initiatives)}  # fmt: skip

    return page_of(request, vision, "pillars.html", (), build)


@router.get("/pillars/{number}", response_class=HTMLResponse, include_in_schema=False)
async def pillar(request: Request, vision: VisionDep, number: PillarNumber) -> HTMLResponse:
    found_pillar = found(pages.pillar, vision, number)
    return page_of(request, vision, "pillar.html", (number,), lambda _: {"pillar": found_pillar})


@router.get("/policies/{policy_id}", response_class=HTMLResponse, include_in_schema=False)
async def policy(request: Request, vision: VisionDep, policy_id: PolicyId) -> HTMLResponse:
    found_policy = found(pages.policy, vision, policy_id)
    return page_of(request, vision, "policy.html", (policy_id,), lambda _: {"policy": found_policy})


@router.get("/initiatives", response_class=HTMLResponse, include_in_schema=False)
async def initiatives(
    request: Request,
    vision: VisionDep,
    municipality: MunicipalityFilter = None,
    pillar: PillarFilter = None,
    year: YearFilter = None,
) -> HTMLResponse:
    rows = api.initiative_list(vision, municipality, pillar, None, year)  # 422 before any render
    filters = {"municipality": municipality, "pillar": pillar, "year": year}
    context = {"rows": rows, "filters": filters, "vision": vision}
    key = (municipality, pillar, year)
    return page_of(request, vision, "initiatives.html", key, lambda _: context)


@router.get("/initiatives/{initiative_id}", response_class=HTMLResponse, include_in_schema=False)
async def initiative(
    request: Request, vision: VisionDep, initiative_id: InitiativeId
) -> HTMLResponse:
    page = found(pages.initiative, vision, initiative_id)

    def build(lang: str) -> dict[str, object]:
        title = gettext(lang, "年度別事業費")
        by_year = cast(Budget, page["budget_thousand_yen"])
        chart = figures.budget_by_year("budget-years", title, by_year, lang)
        return {"page": page, "chart": chart, "chart_title": title}

    return page_of(request, vision, "initiative.html", (initiative_id,), build)


@router.get("/matrix", response_class=HTMLResponse, include_in_schema=False)
async def matrix(
    request: Request,
    vision: VisionDep,
    pillar: PillarFilter = None,
    policy: PolicyFilter = None,
    municipality: MunicipalityFilter = None,
) -> HTMLResponse:
    page = api.matrix_page(vision, pillar, policy, municipality)  # 422 before any render

    def build(lang: str) -> dict[str, object]:
        cells = grid.matrix_cells(vision, pillar, policy, municipality, lang)
        return {"page": page, "vision": vision, "cells": cells}

    return page_of(request, vision, "matrix.html", (pillar, policy, municipality), build)


@router.get("/kpis", response_class=HTMLResponse, include_in_schema=False)
async def kpis(request: Request, vision: VisionDep) -> HTMLResponse:
    return page_of(request, vision, "kpis.html", (), lambda _: {"rows": pages.kpis(vision)})


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
async def search_page(request: Request, vision: VisionDep, q: SearchQuery = "") -> HTMLResponse:
    result = recall(vision, q)
    if result is None:  # ask the index, off the event loop
        sessions = request.app.state.runtime.sessions
        result = await run_in_threadpool(search, sessions, vision, q)
    return render(request, "search.html", q=q, result=result)
