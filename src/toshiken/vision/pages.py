"""One serializer per portal page: the dicts its HTML, its /api twin and its CSV all share.

The pages are pure functions of the (immutable) Vision, remembered per Vision: never mutate
what they return.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from toshiken.vision.current import per_vision
from toshiken.vision.model import FISCAL_YEARS, Initiative, Policy, Vision
from toshiken.vision.queries import (
    budget_by,
    budget_grand_total,
    filter_initiatives,
    find_municipality,
    initiative_row,
    kpi_rows,
    municipality_rows,
)

Row = dict[str, object]
SortKey = Literal[
    "order", "name", "population", "households", "area_km2", "density_per_km2",
    "population_share_pct", "area_share_pct", "initiatives",
]  # fmt: skip
SORT_KEYS: tuple[str, ...] = SortKey.__args__  # type: ignore[attr-defined]


class NotFound(LookupError):
    """An id the vision does not have (a 404)."""


def years_row(budget: dict[int, int | None]) -> dict[str, int | None]:
    """A budget as JSON keys: {'2021': 1234, …, '2025': None}."""
    return {str(fy): budget.get(fy) for fy in FISCAL_YEARS}


def summary(vision: Vision) -> Row:
    """The area at a glance (the figures of /api/vision)."""
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


@per_vision
def home(vision: Vision) -> Row:
    """The home page: the summary, the members, the pillars with their budget, the KPIs."""
    page = summary(vision)
    by_pillar = {line.key: line for line in budget_by(vision, "pillar")}
    page["pillars"] = [
        {
            "number": p.number,
            "title": p.title,
            "policies": sum(1 for x in vision.policies if x.pillar == p.number),
            "initiatives": sum(1 for i in vision.initiatives if i.pillar == p.number),
            "budget_thousand_yen": {
                str(fy): v for fy, v in by_pillar[str(p.number)].by_year.items()
            },
            "budget_total_thousand_yen": by_pillar[str(p.number)].total,
        }
        for p in vision.pillars
    ]
    page["members"] = [
        {k: row[k] for k in ("code", "name", "name_en", "kind", "hub", "population", "area_km2")}
        for row in municipality_rows(vision)
    ]
    page["kpi_summary"] = [
        {k: row[k] for k in ("number", "name", "unit", "baseline", "target", "target_kind")}
        for row in kpi_rows(vision)
    ]
    return page


@per_vision
def municipalities(vision: Vision, sort: str = "order", descending: bool = False) -> list[Row]:
    """Every member with its figures, sorted by one column (`order`: the vision's own order)."""
    rows = [{"order": n, **row} for n, row in enumerate(municipality_rows(vision), start=1)]

    def key(row: Row) -> tuple[int, Decimal | str]:
        value = row[sort]
        if sort == "name":
            return 0, str(row["reading"])
        return 0, Decimal(str(value))

    return sorted(rows, key=key, reverse=descending)


def initiative_brief(vision: Vision, i: Initiative) -> Row:
    """An initiative as a line of a list: ids, title, participants count, budget."""
    return {
        "id": i.id,
        "label": i.label,
        "title": i.title,
        "pillar": i.pillar,
        "policy_id": i.policy_id,
        "participant_count": len(i.participants),
        "all_members": i.all_members,
        "budget_thousand_yen": years_row(i.budget),
        "budget_total_thousand_yen": i.budget_total,
    }


def _policy_head(p: Policy) -> Row:
    return {
        "id": p.id,
        "pillar": p.pillar,
        "number": p.number,
        "mark": p.mark,
        "title": p.title,
        "agreement_category": p.agreement_category,
        "agreement_field": p.agreement_field,
    }


def grouped(vision: Vision, initiatives: list[Initiative]) -> list[Row]:
    """Initiatives grouped by pillar, then policy area (empty groups left out)."""
    groups: list[Row] = []
    for pillar in vision.pillars:
        policies = []
        for policy in (p for p in vision.policies if p.pillar == pillar.number):
            inside = [initiative_brief(vision, i) for i in initiatives if i.policy_id == policy.id]
            if inside:
                policies.append({**_policy_head(policy), "initiatives": inside})
        if policies:
            groups.append({"number": pillar.number, "title": pillar.title, "policies": policies})
    return groups


@per_vision
def municipality(vision: Vision, code: str) -> Row:
    """A member's profile, the initiatives it takes part in, and their budgets per FY."""
    row = next((r for r in municipality_rows(vision) if r["code"] == code), None)
    if row is None:
        raise NotFound(f"municipality {code}")
    taking_part = [i for i in vision.initiatives if code in i.participants]
    by_year = {str(fy): sum(i.budget.get(fy) or 0 for i in taking_part) for fy in FISCAL_YEARS}
    return {
        "municipality": row,
        "initiative_count": len(taking_part),
        "groups": grouped(vision, taking_part),
        "budget_by_year_thousand_yen": by_year,
        "budget_total_thousand_yen": sum(i.budget_total for i in taking_part),
    }


@per_vision
def initiatives(
    vision: Vision, municipality: str | None = None, pillar: int | None = None,
    policy: int | None = None, year: int | None = None,
) -> list[Row]:  # fmt: skip
    """The initiatives list (/api/initiatives): raises UnknownMunicipality for a bad member."""
    found = filter_initiatives(vision, municipality, pillar, policy, year)
    return [initiative_row(vision, i) for i in found]


def flat_initiatives(groups: list[Row]) -> list[Row]:
    """The initiatives of `grouped` as one list (for tables and CSV)."""
    return [
        i
        for g in groups
        for p in g["policies"]  # type: ignore[attr-defined]
        for i in p["initiatives"]
    ]


@per_vision
def pillars(vision: Vision) -> list[Row]:
    """The tree: pillars, their policy areas, their initiatives."""
    tree = grouped(vision, list(vision.initiatives))
    directions = {p.number: p.direction for p in vision.pillars}
    return [{**g, "direction": directions[int(str(g["number"]))]} for g in tree]


@per_vision
def pillar(vision: Vision, number: int) -> Row:
    found = next((p for p in pillars(vision) if p["number"] == number), None)
    if found is None:
        raise NotFound(f"pillar {number}")
    kpis = [k for k in kpi_rows(vision) if k["pillar"] == number]
    return {**found, "kpis": kpis}


@per_vision
def policy(vision: Vision, policy_id: str) -> Row:
    p = vision.policy_by_id(policy_id)
    if p is None:
        raise NotFound(f"policy area {policy_id}")
    pillar_title = next(x.title for x in vision.pillars if x.number == p.pillar)
    return {
        **_policy_head(p),
        "pillar_title": pillar_title,
        "direction": p.direction,
        "agreement_content": p.agreement_content,
        "hub_role": p.hub_role,
        "neighbour_role": p.neighbour_role,
        "initiatives": [
            initiative_brief(vision, i) for i in vision.initiatives if i.policy_id == p.id
        ],
        "kpis": [
            k for k in kpi_rows(vision) if k["pillar"] == p.pillar and k["policy"] == p.number
        ],
    }


def find_initiative(vision: Vision, initiative_id: str) -> Initiative:
    found = vision.initiative_by_id(initiative_id)
    if found is None:
        raise NotFound(f"initiative {initiative_id}")
    return found


@per_vision
def initiative(vision: Vision, initiative_id: str) -> Row:
    """Every field of an initiative, all 24 members marked taking part or not, its schedule."""
    i = find_initiative(vision, initiative_id)
    p = next(x for x in vision.policies if x.id == i.policy_id)
    names = {m.code: m.name for m in vision.municipalities}
    return {
        "id": i.id, "label": i.label, "letter": i.letter, "title": i.title,
        "pillar": i.pillar, "policy": i.policy, "policy_id": i.policy_id,
        "pillar_title": next(x.title for x in vision.pillars if x.number == i.pillar),
        "policy_mark": p.mark, "policy_title": p.title,
        "description": i.description, "roles": i.roles, "hub_role": i.hub_role,
        "neighbour_role": i.neighbour_role, "cost_sharing": i.cost_sharing,
        "subsidies": i.subsidies, "effect": i.effect, "line": i.line,
        "all_members": i.all_members,
        "participants": [names[c] for c in i.participants],
        "participant_codes": list(i.participants),
        "members": [
            {"code": m.code, "name": m.name, "name_en": m.name_en,
             "takes_part": m.code in i.participants}
            for m in vision.municipalities
        ],
        "fiscal_years": list(FISCAL_YEARS),
        "schedule": [{"label": s.label, "years": list(s.years)} for s in i.schedule],
        "budget_thousand_yen": years_row(i.budget),
        "budget_total_thousand_yen": i.budget_total,
    }  # fmt: skip


@per_vision
def matrix(
    vision: Vision, pillar: int | None = None, policy_id: str | None = None,
    municipality: str | None = None,
) -> Row:  # fmt: skip
    """Initiatives × members: who takes part in what, filtered by pillar, policy and member.

    Raises UnknownMunicipality for a `municipality` that is not a member's name or code.
    """
    code = find_municipality(vision, municipality).code if municipality else None
    if policy_id is not None and all(p.id != policy_id for p in vision.policies):
        raise NotFound(f"policy area {policy_id}")
    chosen = [
        i
        for i in vision.initiatives
        if (pillar is None or i.pillar == pillar)
        and (policy_id is None or i.policy_id == policy_id)
        and (code is None or code in i.participants)
    ]
    rows: list[Row] = [
        {
            "id": i.id,
            "label": i.label,
            "title": i.title,
            "pillar": i.pillar,
            "policy_id": i.policy_id,
            "participant_count": len(i.participants),
            "takes_part": [m.code in i.participants for m in vision.municipalities],
        }
        for i in chosen
    ]
    members: list[Row] = [
        {
            "code": m.code,
            "name": m.name,
            "name_en": m.name_en,
            "initiatives": sum(1 for i in chosen if m.code in i.participants),
        }
        for m in vision.municipalities
    ]
    return {
        "filters": {"pillar": pillar, "policy": policy_id, "municipality": code},
        "municipalities": members,
        "initiatives": rows,
    }


@per_vision
def kpis(vision: Vision) -> list[Row]:
    """The KPIs with the title of the pillar or policy area they measure."""
    pillar_titles = {p.number: p.title for p in vision.pillars}
    policy_titles = {(p.pillar, p.number): f"{p.mark} {p.title}" for p in vision.policies}
    return [
        {
            **row,
            "pillar_title": pillar_titles[int(str(row["pillar"]))],
            "policy_title": policy_titles.get((row["pillar"], row["policy"])),  # type: ignore[arg-type]
        }
        for row in kpi_rows(vision)
    ]
