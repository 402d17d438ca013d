"""A Vision as JSON-able values and back, exactly (Decimals as text, dates as ISO days)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from toshiken.vision.model import (
    Initiative,
    Kpi,
    Municipality,
    Pillar,
    Policy,
    ScheduleItem,
    StatTable,
    Vision,
)


def vision_to_dict(vision: Vision) -> dict[str, Any]:
    """Every field of the Vision; the inverse is vision_from_dict."""
    return {
        "title": vision.title,
        "area_name": vision.area_name,
        "revision": vision.revision,
        "revisions": list(vision.revisions),
        "period_start": vision.period_start.isoformat(),
        "period_end": vision.period_end.isoformat(),
        "population_as_of": vision.population_as_of.isoformat(),
        "population_source": vision.population_source,
        "prefecture": [vision.prefecture[0], vision.prefecture[1], str(vision.prefecture[2])],
        "municipalities": [_municipality(m) for m in vision.municipalities],
        "pillars": [p.__dict__.copy() for p in vision.pillars],
        "policies": [p.__dict__.copy() for p in vision.policies],
        "initiatives": [_initiative(i) for i in vision.initiatives],
        "kpis": [_kpi(k) for k in vision.kpis],
        "tables": [_table(t) for t in vision.tables],
    }


def _municipality(m: Municipality) -> dict[str, Any]:
    return {**m.__dict__, "area_km2": str(m.area_km2)}


def _initiative(i: Initiative) -> dict[str, Any]:
    fields = {k: v for k, v in i.__dict__.items() if k != "line"}
    fields["participants"] = list(i.participants)
    fields["schedule"] = [{"label": s.label, "years": list(s.years)} for s in i.schedule]
    fields["budget"] = {str(fy): amount for fy, amount in i.budget.items()}
    return fields


def _kpi(k: Kpi) -> dict[str, Any]:
    return {**k.__dict__, "baseline": str(k.baseline), "target": str(k.target)}


def _table(t: StatTable) -> dict[str, Any]:
    return {**t.__dict__, "columns": list(t.columns), "rows": [list(r) for r in t.rows]}


def vision_from_dict(data: dict[str, Any]) -> Vision:
    """The Vision that vision_to_dict gave these values for."""
    pref = data["prefecture"]
    return Vision(
        title=data["title"],
        area_name=data["area_name"],
        revision=data["revision"],
        revisions=tuple(data["revisions"]),
        period_start=date.fromisoformat(data["period_start"]),
        period_end=date.fromisoformat(data["period_end"]),
        population_as_of=date.fromisoformat(data["population_as_of"]),
        population_source=data["population_source"],
        prefecture=(int(pref[0]), int(pref[1]), Decimal(pref[2])),
        municipalities=tuple(
            Municipality(**{**m, "area_km2": Decimal(m["area_km2"])})
            for m in data["municipalities"]
        ),
        pillars=tuple(Pillar(**p) for p in data["pillars"]),
        policies=tuple(Policy(**p) for p in data["policies"]),
        initiatives=tuple(_initiative_from(i) for i in data["initiatives"]),
        kpis=tuple(
            Kpi(**{**k, "baseline": Decimal(k["baseline"]), "target": Decimal(k["target"])})
            for k in data["kpis"]
        ),
        tables=tuple(
            StatTable(
                **{**t, "columns": tuple(t["columns"]), "rows": tuple(tuple(r) for r in t["rows"])}
            )
            for t in data["tables"]
        ),
    )


def _initiative_from(data: dict[str, Any]) -> Initiative:
    return Initiative(
        **{
            **data,
            "participants": tuple(data["participants"]),
            "schedule": tuple(
                ScheduleItem(s["label"], tuple(int(y) for y in s["years"]))
                for s in data["schedule"]
            ),
            "budget": {int(fy): amount for fy, amount in data["budget"].items()},
        }
    )
