"""The portal's JSON API and CSV downloads: each page's figures, from the same serializer."""

from __future__ import annotations

import json
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from toshiken.core.output import to_csv
from toshiken.core.web import not_found
from toshiken.vision import pages
from toshiken.vision.current import per_vision
from toshiken.vision.model import Vision
from toshiken.vision.params import (
    InitiativeId,
    MunicipalityCode,
    MunicipalityFilter,
    Order,
    PillarFilter,
    PillarNumber,
    PolicyFilter,
    PolicyId,
    PolicyNumber,
    SearchQuery,
    Sort,
    VisionDep,
    YearFilter,
    bad_parameter,
)
from toshiken.vision.queries import UnknownMunicipality, budget_by
from toshiken.vision.search import recall, search

router = APIRouter(prefix="/api", tags=["vision"])
Axis = Literal["pillar", "policy", "municipality", "year"]
JSON = "application/json"


def as_json(data: object) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(body.encode(), media_type=JSON)


@per_vision
def _body(vision: Vision, page: str, *args: object) -> bytes:
    """A page's JSON, encoded once per dataset (the pages are pure functions of the Vision)."""
    data = getattr(pages, page)(vision, *args)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def reply(vision: Vision, page: str, *args: object) -> Response:
    """The JSON of `pages.<page>(vision, *args)`; 404 when the page names nothing known."""
    try:
        return Response(_body(vision, page, *args), media_type=JSON)
    except pages.NotFound as exc:
        raise not_found(str(exc)) from None


def as_csv(rows: list[dict[str, object]], name: str) -> Response:
    return Response(
        to_csv(rows).encode(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def matrix_page(
    vision: VisionDep, pillar: PillarFilter, policy: PolicyFilter, municipality: MunicipalityFilter
) -> dict[str, object]:
    try:
        return pages.matrix(vision, pillar, policy, municipality)
    except UnknownMunicipality as exc:
        raise bad_parameter("municipality", municipality, str(exc)) from None
    except pages.NotFound:
        raise bad_parameter("policy", policy, f"{policy} is not a policy area") from None


def matrix_rows(page: dict[str, object]) -> list[dict[str, object]]:
    """The matrix as CSV rows: one column per member, 1 where it takes part."""
    names = [str(m["name"]) for m in page["municipalities"]]  # type: ignore[attr-defined]
    rows: list[dict[str, object]] = []
    for row in page["initiatives"]:  # type: ignore[attr-defined]
        line = {k: row[k] for k in ("id", "label", "title", "participant_count")}
        line.update({n: int(t) for n, t in zip(names, row["takes_part"], strict=True)})
        rows.append(line)
    return rows


@router.get("/vision", summary="The area at a glance (home page)")
async def api_vision(vision: VisionDep) -> Response:
    return reply(vision, "home")


@router.get("/municipalities", summary="The 24 members with their figures (sortable)")
async def api_municipalities(
    vision: VisionDep, sort: Sort = "order", order: Order = "asc"
) -> Response:
    return reply(vision, "municipalities", sort, order == "desc")


@router.get("/municipalities.csv", summary="The members as CSV (UTF-8 with BOM)")
async def csv_municipalities(
    vision: VisionDep, sort: Sort = "order", order: Order = "asc"
) -> Response:
    return as_csv(pages.municipalities(vision, sort, order == "desc"), "municipalities")


@router.get("/municipalities/{code}", summary="A member: profile, initiatives, budgets")
async def api_municipality(vision: VisionDep, code: MunicipalityCode) -> Response:
    return reply(vision, "municipality", code)


@router.get("/municipalities/{code}/initiatives.csv", summary="A member's initiatives as CSV")
async def csv_municipality(vision: VisionDep, code: MunicipalityCode) -> Response:
    try:
        page = pages.municipality(vision, code)
    except pages.NotFound as exc:
        raise not_found(str(exc)) from None
    return as_csv(pages.flat_initiatives(page["groups"]), f"initiatives-{code}")  # type: ignore[arg-type]


@router.get("/pillars", summary="Pillars → policy areas → initiatives")
async def api_pillars(vision: VisionDep) -> Response:
    return reply(vision, "pillars")


@router.get("/pillars/{number}", summary="A pillar with its policy areas and KPIs")
async def api_pillar(vision: VisionDep, number: PillarNumber) -> Response:
    return reply(vision, "pillar", number)


@router.get("/policies/{policy_id}", summary="A policy area with its initiatives and KPIs")
async def api_policy(vision: VisionDep, policy_id: PolicyId) -> Response:
    return reply(vision, "policy", policy_id)


def initiative_list(
    vision: Vision, municipality: str | None, pillar: int | None, policy: int | None,
    year: int | None,
) -> list[dict[str, object]]:  # fmt: skip
    try:
        return pages.initiatives(vision, municipality, pillar, policy, year)
    except UnknownMunicipality as exc:
        raise bad_parameter("municipality", municipality, str(exc)) from None


@router.get("/initiatives", summary="Initiatives, filtered by member, pillar, policy, FY")
async def api_initiatives(
    vision: VisionDep,
    municipality: MunicipalityFilter = None,
    pillar: PillarFilter = None,
    policy: PolicyNumber = None,
    year: YearFilter = None,
) -> Response:
    try:
        return reply(vision, "initiatives", municipality, pillar, policy, year)
    except UnknownMunicipality as exc:
        raise bad_parameter("municipality", municipality, str(exc)) from None


@router.get("/initiatives.csv", summary="Initiatives as CSV")
async def csv_initiatives(
    vision: VisionDep,
    municipality: MunicipalityFilter = None,
    pillar: PillarFilter = None,
    policy: PolicyNumber = None,
    year: YearFilter = None,
) -> Response:
    return as_csv(initiative_list(vision, municipality, pillar, policy, year), "initiatives")


@router.get("/initiatives/{initiative_id}", summary="Every field of an initiative")
async def api_initiative(vision: VisionDep, initiative_id: InitiativeId) -> Response:
    return reply(vision, "initiative", initiative_id)


@router.get("/matrix", summary="Participation: initiatives × members")
async def api_matrix(
    vision: VisionDep,
    pillar: PillarFilter = None,
    policy: PolicyFilter = None,
    municipality: MunicipalityFilter = None,
) -> Response:
    return as_json(matrix_page(vision, pillar, policy, municipality))


@router.get("/matrix.csv", summary="Participation as CSV (1 = takes part)")
async def csv_matrix(
    vision: VisionDep,
    pillar: PillarFilter = None,
    policy: PolicyFilter = None,
    municipality: MunicipalityFilter = None,
) -> Response:
    return as_csv(matrix_rows(matrix_page(vision, pillar, policy, municipality)), "matrix")


@router.get("/kpis", summary="The 13 KPIs: baseline, target, unit, source")
async def api_kpis(vision: VisionDep) -> Response:
    return reply(vision, "kpis")


@router.get("/kpis.csv", summary="The KPIs as CSV")
async def csv_kpis(vision: VisionDep) -> Response:
    return as_csv(pages.kpis(vision), "kpis")


@router.get("/budget", summary="Budget in thousand yen per FY, by pillar/policy/member/year")
async def api_budget(vision: VisionDep, by: Axis = "year") -> Response:
    return as_json([line.as_row() for line in budget_by(vision, by)])


@router.get("/budget.csv", summary="The budget table as CSV")
async def csv_budget(vision: VisionDep, by: Axis = "year") -> Response:
    return as_csv([line.as_row() for line in budget_by(vision, by)], f"budget-{by}")


@router.get("/search", summary="Full-text search over policy areas and initiatives")
async def api_search(request: Request, vision: VisionDep, q: SearchQuery = "") -> Response:
    result = recall(vision, q)
    if result is None:  # ask the index, off the event loop
        sessions = request.app.state.runtime.sessions
        result = await run_in_threadpool(search, sessions, vision, q)
    return Response(result.body, media_type=JSON)
