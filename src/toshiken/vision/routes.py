"""The vision's pages and JSON API: one query feeds the HTML page and its /api twin."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from toshiken.core.web import SessionsDep, not_found, templates_for
from toshiken.vision.load import current_vision
from toshiken.vision.model import Vision
from toshiken.vision.queries import (
    UnknownMunicipality,
    budget_by,
    budget_grand_total,
    filter_initiatives,
    initiative_row,
    kpi_rows,
    municipality_rows,
)

router = APIRouter()
templates = templates_for(Path(__file__).parent / "templates")
Axis = Literal["pillar", "policy", "municipality", "year"]


def _vision(sessions: SessionsDep) -> Vision:
    vision = current_vision(sessions)
    if vision is None:
        raise HTTPException(503, "no vision is loaded yet: run `toshiken load`")
    return vision


def summary(vision: Vision) -> dict[str, object]:
    """The area at a glance: what the home page and /api/vision show."""
    return {
        "title": vision.title,
        "revision": vision.revision,
        "period": [vision.period_start.isoformat(), vision.period_end.isoformat()],
        "municipalities": len(vision.municipalities),
        "population": sum(m.population for m in vision.municipalities),
        "households": sum(m.households for m in vision.municipalities),
        "area_km2": str(sum(m.area_km2 for m in vision.municipalities)),
        "population_as_of": vision.population_as_of.isoformat(),
        "population_source": vision.population_source,
        "pillars": [{"number": p.number, "title": p.title} for p in vision.pillars],
        "policies": len(vision.policies),
        "initiatives": len(vision.initiatives),
        "kpis": len(vision.kpis),
        "budget_by_year_thousand_yen": {line.key: line.total for line in budget_by(vision, "year")},
        "budget_total_thousand_yen": budget_grand_total(vision),
    }


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, sessions: SessionsDep) -> HTMLResponse:
    vision = _vision(sessions)
    return templates.TemplateResponse(
        request, "home.html", {"vision": vision, "summary": summary(vision),
                               "years": budget_by(vision, "year")},
    )  # fmt: skip


@router.get("/api/vision")
def api_vision(sessions: SessionsDep) -> dict[str, object]:
    return summary(_vision(sessions))


@router.get("/api/municipalities")
def api_municipalities(sessions: SessionsDep) -> list[dict[str, object]]:
    return municipality_rows(_vision(sessions))


@router.get("/api/initiatives")
def api_initiatives(
    sessions: SessionsDep,
    municipality: Annotated[str | None, Query(description="A member's name or code")] = None,
    pillar: Annotated[int | None, Query(ge=1, le=3)] = None,
    policy: Annotated[int | None, Query(ge=1, le=30)] = None,
    year: Annotated[int | None, Query(ge=2021, le=2025, description="Fiscal year")] = None,
) -> list[dict[str, object]]:
    vision = _vision(sessions)
    try:
        found = filter_initiatives(vision, municipality, pillar, policy, year)
    except UnknownMunicipality as exc:
        raise HTTPException(422, f"municipality: {exc}") from exc
    return [initiative_row(vision, i) for i in found]


@router.get("/api/initiatives/{initiative_id}")
def api_initiative(sessions: SessionsDep, initiative_id: str) -> dict[str, object]:
    vision = _vision(sessions)
    for i in vision.initiatives:
        if i.id == initiative_id:
            row = initiative_row(vision, i)
            row.update(
                description=i.description, roles=i.roles, cost_sharing=i.cost_sharing,
                schedule=[{"label": s.label, "years": list(s.years)} for s in i.schedule],
                subsidies=i.subsidies, effect=i.effect,
            )  # fmt: skip
            return row
    raise not_found(f"initiative {initiative_id}")


@router.get("/api/budget")
def api_budget(sessions: SessionsDep, by: Axis = "year") -> list[dict[str, object]]:
    return [line.as_row() for line in budget_by(_vision(sessions), by)]


@router.get("/api/kpis")
def api_kpis(sessions: SessionsDep) -> list[dict[str, object]]:
    return kpi_rows(_vision(sessions))
