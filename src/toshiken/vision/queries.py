"""Pure questions asked of a Vision: listings and budget totals, as rows every output shares."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from toshiken.vision.model import FISCAL_YEARS, Initiative, Municipality, Vision

BudgetAxis = Literal["pillar", "policy", "municipality", "year"]
Row = dict[str, object]


class UnknownMunicipality(LookupError):
    """Neither a member's name nor its code."""


def find_municipality(vision: Vision, name_or_code: str) -> Municipality:
    """A member by its name (合志市) or its 6-digit code (432164)."""
    try:
        return vision.municipality(name_or_code.strip())
    except KeyError:
        names = "、".join(m.name for m in vision.municipalities)
        raise UnknownMunicipality(
            f"{name_or_code!r} is not a member's name or code (members: {names})"
        ) from None


def participation_counts(vision: Vision) -> dict[str, int]:
    counts = {m.code: 0 for m in vision.municipalities}
    for initiative in vision.initiatives:
        for code in initiative.participants:
            counts[code] += 1
    return counts


def municipality_rows(vision: Vision) -> list[Row]:
    """One row per member with density, share of the area's population and area, participation."""
    total_pop = sum(m.population for m in vision.municipalities)
    total_area = sum((m.area_km2 for m in vision.municipalities), Decimal(0))
    counts = participation_counts(vision)
    return [
        {
            "code": m.code,
            "name": m.name,
            "reading": m.reading,
            "name_en": m.name_en,
            "kind": m.kind,
            "hub": m.is_hub,
            "population": m.population,
            "households": m.households,
            "area_km2": str(m.area_km2),
            "density_per_km2": str(_round(Decimal(m.population) / m.area_km2, "0.1")),
            "population_share_pct": str(_round(Decimal(m.population) * 100 / total_pop, "0.01")),
            "area_share_pct": str(_round(m.area_km2 * 100 / total_area, "0.01")),
            "initiatives": counts[m.code],
        }
        for m in vision.municipalities
    ]


def _round(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def filter_initiatives(
    vision: Vision,
    municipality: str | None = None,
    pillar: int | None = None,
    policy: int | None = None,
    year: int | None = None,
) -> list[Initiative]:
    """Initiatives matching every given filter. `year`: those with a budget figure that FY."""
    code = find_municipality(vision, municipality).code if municipality else None
    return [
        i
        for i in vision.initiatives
        if (code is None or code in i.participants)
        and (pillar is None or i.pillar == pillar)
        and (policy is None or i.policy == policy)
        and (year is None or i.budget.get(year) is not None)
    ]


def initiative_row(vision: Vision, i: Initiative) -> Row:
    names = {m.code: m.name for m in vision.municipalities}
    return {
        "id": i.id,
        "label": i.label,
        "pillar": i.pillar,
        "policy": i.policy,
        "letter": i.letter,
        "title": i.title,
        "participants": [names[c] for c in i.participants],
        "participant_codes": list(i.participants),
        "all_members": i.all_members,
        "budget_thousand_yen": {str(fy): v for fy, v in i.budget.items()},
        "budget_total_thousand_yen": i.budget_total,
    }


@dataclass(frozen=True)
class BudgetLine:
    key: str
    label: str
    by_year: dict[int, int]
    total: int

    def as_row(self) -> Row:
        row: Row = {"key": self.key, "label": self.label}
        row.update({str(fy): v for fy, v in self.by_year.items()})
        row["total"] = self.total
        return row


def budget_by(vision: Vision, axis: BudgetAxis) -> list[BudgetLine]:
    """Budget in thousand yen per FY, grouped by the axis; blank cells count as nothing.

    For `municipality`, a line is the budget of the initiatives the member takes part in
    (not its share of them: see the costs feature for contributions).
    """
    if axis == "year":
        return [_line(str(fy), f"{fy}年度", vision.initiatives, (fy,)) for fy in FISCAL_YEARS]
    if axis == "pillar":
        return [
            _line(str(p.number), p.title, [i for i in vision.initiatives if i.pillar == p.number])
            for p in vision.pillars
        ]
    if axis == "policy":
        return [
            _line(
                p.id, f"{p.mark} {p.title}", [i for i in vision.initiatives if i.policy_id == p.id]
            )
            for p in vision.policies
        ]
    return [
        _line(m.code, m.name, [i for i in vision.initiatives if m.code in i.participants])
        for m in vision.municipalities
    ]


def _line(
    key: str, label: str, initiatives: list[Initiative] | tuple[Initiative, ...],
    years: tuple[int, ...] = FISCAL_YEARS,
) -> BudgetLine:  # fmt: skip
    by_year = {fy: sum(i.budget.get(fy) or 0 for i in initiatives) for fy in years}
    return BudgetLine(key, label, by_year, sum(by_year.values()))


def budget_grand_total(vision: Vision) -> int:
    """The sum of every initiative's stated 合計 (the reader verified each against its years)."""
    return sum(i.budget_total for i in vision.initiatives)


def kpi_rows(vision: Vision) -> list[Row]:
    return [
        {
            "number": k.number,
            "level": k.level,
            "pillar": k.pillar,
            "policy": k.policy,
            "field": k.field,
            "name": k.name,
            "unit": k.unit,
            "baseline": str(k.baseline),
            "baseline_period": k.baseline_period,
            "target_kind": k.target_kind,
            "target": str(k.target),
            "target_period": k.target_period,
            "base_period": k.base_period,
            "source": k.source,
        }
        for k in vision.kpis
    ]
