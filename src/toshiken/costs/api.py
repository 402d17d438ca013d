"""The costs JSON API (and CSV): the same serializers as the pages, bad input as 422 by name."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from toshiken.accounts.guard import MaybeUser
from toshiken.core.output import to_csv
from toshiken.core.web import SessionsDep, not_found
from toshiken.costs import pages, queries, store
from toshiken.costs.calculate import InputError
from toshiken.costs.forms import add_population_set, read_form, settle_sent
from toshiken.costs.pages import CatalogDep, KnownInitiative
from toshiken.costs.rows import flat_rule_row, population_row
from toshiken.costs.uploads import SettleRefused

router = APIRouter(prefix="/api/costs", tags=["costs"])


class CalculatorQuery(BaseModel):
    """The calculator's parameters, as text: `queries.calculator` reads and checks them by name."""

    amount: str | None = Field(None, description="Amount in yen; empty: the FY's budget")
    fy: str | None = Field(None, description="Fiscal year, e.g. 2024 (its budget, its usage)")
    population: str | None = Field(None, description="Population set id; default: the vision's")
    rounding: str | None = Field(None, description="largest-remainder (default) or hub")
    component: str | None = Field(None, description="Component number (1 = first)")
    equal_weight: str | None = Field(None, description="均等割 weight, a whole number")
    population_weight: str | None = Field(None, description="人口割 weight, a whole number")


class WhatIfQuery(CalculatorQuery):
    """The calculator's parameters, a second population set and the members to compare."""

    alt_population: str | None = Field(None, description="The population set compared with")
    members: list[str] | None = Field(None, description="Members (codes or names)")


Calculator = Annotated[CalculatorQuery, Query()]
WhatIf = Annotated[WhatIfQuery, Query()]


def as_json(data: object, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(body.encode(), media_type="application/json", status_code=status)


def refused(error: InputError) -> Response:
    detail = pages.error_detail(error.errors)
    message = "; ".join(f"{e.field}: {e.message}" for e in error.errors)
    return JSONResponse({"detail": detail, "message": message}, status_code=422)


@router.get("", summary="Every initiative's cost rule, grouped by kind")
def api_rules(catalog: CatalogDep) -> Response:
    return as_json(queries.index(catalog))


@router.get(".csv", summary="Every cost rule as CSV (UTF-8 with BOM)")
def api_rules_csv(catalog: CatalogDep) -> Response:
    rows = [flat_rule_row(r) for r in queries.all_rules(catalog)]
    return Response(
        to_csv(rows).encode(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="cost-rules.csv"'},
    )


@router.get("/population-sets", summary="Population sets, the vision's first")
def api_population_sets(catalog: CatalogDep, sessions: SessionsDep) -> Response:
    return as_json(queries.population_choices(sessions))


@router.get("/population-sets/{set_id}", summary="A population set with its figures")
def api_population_set(catalog: CatalogDep, sessions: SessionsDep, set_id: int) -> Response:
    with sessions() as session:
        found = store.population_set(session, set_id)
    if found is None:
        raise not_found(f"population set {set_id}")
    names = queries.names_of(catalog)
    row = population_row(found[0])
    figures = found[1].populations
    row["populations"] = [
        {"code": code, "name": name, "population": figures[code]}
        for code, name in names.items()
        if code in figures
    ]
    return as_json(row)


@router.post("/population-sets", summary="Add a population set from CSV or .xlsx (secretariat)")
async def api_add_population_set(
    request: Request,
    catalog: CatalogDep,
    sessions: SessionsDep,
    user: MaybeUser,
    file: Annotated[UploadFile | None, File(description="columns 市町村 and 人口")] = None,
    name: Annotated[str | None, Form(description="A new, unique name")] = None,
    as_of: Annotated[str | None, Form(description="The date the figures describe")] = None,
    source: Annotated[str | None, Form(description="Where the figures come from")] = None,
) -> Response:
    sent = await read_form(await request.form())
    try:
        row = add_population_set(sessions, catalog, user, sent, datetime.now(UTC))
    except SettleRefused as error:
        return issues_response(error)
    return as_json(row, status=201)


@router.get("/{initiative_id}", summary="An initiative's cost rule and its components")
def api_rule(catalog: CatalogDep, initiative_id: KnownInitiative) -> Response:
    return as_json(queries.rule_page(catalog, initiative_id))


def _calculated(
    request: Request, catalog: CatalogDep, sessions: SessionsDep, initiative_id: str
) -> dict[str, object]:
    """The calculator's result for the request's parameters (InputError when they are bad)."""
    page = queries.calculator(sessions, catalog, initiative_id, dict(request.query_params))
    result: dict[str, object] = page["result"]  # type: ignore[assignment]
    return result


@router.get("/{initiative_id}/allocation", summary="Each participant's contribution, explained")
def api_allocation(
    request: Request,
    catalog: CatalogDep,
    sessions: SessionsDep,
    initiative_id: KnownInitiative,
    query: Calculator,
) -> Response:
    try:
        return as_json(_calculated(request, catalog, sessions, initiative_id))
    except InputError as error:
        return refused(error)


@router.get("/{initiative_id}/allocation.csv", summary="The contributions as CSV")
def api_allocation_csv(
    request: Request,
    catalog: CatalogDep,
    sessions: SessionsDep,
    initiative_id: KnownInitiative,
    query: Calculator,
) -> Response:
    try:
        result = _calculated(request, catalog, sessions, initiative_id)
    except InputError as error:
        return refused(error)
    rows = [dict(c) for c in result["contributions"]]  # type: ignore[attr-defined]
    name = f"costs-{initiative_id}.csv"
    return Response(
        to_csv(rows).encode(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/{initiative_id}/what-if", summary="What-if: each municipality's change")
def api_what_if(
    request: Request,
    catalog: CatalogDep,
    sessions: SessionsDep,
    initiative_id: KnownInitiative,
    query: WhatIf,
) -> Response:
    params = dict(request.query_params)
    try:
        result = queries.what_if_result(
            sessions, catalog, initiative_id, params, query.members or []
        )
    except InputError as error:
        return refused(error)
    return as_json(result)


@router.post("/settle", summary="Settle a usage file (CSV or .xlsx) into statements")
async def api_settle(
    request: Request,
    catalog: CatalogDep,
    sessions: SessionsDep,
    user: MaybeUser,
    kind: Annotated[str | None, Form(description="sick-child, waste or support-school")] = None,
    fy: Annotated[str | None, Form(description="The fiscal year settled, e.g. 2024")] = None,
    usage: Annotated[UploadFile | None, File(description="Usage rows (CSV or .xlsx)")] = None,
    prices: Annotated[UploadFile | None, File(description="A prices file (YAML)")] = None,
    basic_cost: Annotated[str | None, Form(description="sick-child: 基本的費用 (yen)")] = None,
    additions: Annotated[str | None, Form(description="sick-child: 加算 '100:500000, …'")] = None,
    yen_per_tonne: Annotated[str | None, Form(description="waste: price per tonne")] = None,
    cost: Annotated[str | None, Form(description="support-school: the year's cost (yen)")] = None,
    rounding: Annotated[str | None, Form(description="waste: down (default) or half_up")] = None,
    save: Annotated[str | None, Form(description="1: store the records (signed in)")] = None,
) -> Response:
    sent = await read_form(await request.form())
    try:
        settled, saved = settle_sent(sessions, catalog, user, sent, datetime.now(UTC))
    except SettleRefused as error:
        return issues_response(error)
    return as_json(
        {"kind": settled.kind.value, "fiscal_year": settled.fiscal_year, "title": settled.title,
         "total_yen": settled.total, "saved": saved, "records": len(settled.records),
         "statements": list(settled.statements)}
    )  # fmt: skip


def issues_response(error: SettleRefused) -> Response:
    """422 listing every issue: its field in ``loc``, and the file's row and column."""
    detail = [
        {"type": "value_error", "loc": ["body", i.field], "msg": i.reason, "row": i.row,
         "column": i.column}
        for i in error.issues
    ]  # fmt: skip
    return JSONResponse({"detail": detail, "saved": False}, status_code=422)
