"""A Vision arranged as the document prints it: chapters, pillars, policy areas, initiatives."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from toshiken.vision.members import share_percent
from toshiken.vision.model import FISCAL_YEARS, Initiative, Kpi, Pillar, Policy, Vision
from toshiken.vision.render import CATEGORY_TITLES


@dataclass(frozen=True)
class PolicySection:
    policy: Policy
    category_title: str | None
    initiatives: tuple[Initiative, ...]


@dataclass(frozen=True)
class PillarSection:
    pillar: Pillar
    policies: tuple[PolicySection, ...]
    kpis: tuple[Kpi, ...]


@dataclass(frozen=True)
class DocumentLayout:
    vision: Vision
    names: dict[str, str]
    totals: tuple[int, int, Decimal]
    shares: tuple[Decimal, ...]
    pillars: tuple[PillarSection, ...]
    fiscal_years: tuple[int, ...] = FISCAL_YEARS

    def participants(self, i: Initiative) -> str:
        """関係市町村 as the document prints it."""
        return "全市町村" if i.all_members else "、".join(self.names[c] for c in i.participants)

    def policy_of(self, kpi: Kpi) -> Policy | None:
        return next(
            (p for p in self.vision.policies if (p.pillar, p.number) == (kpi.pillar, kpi.policy)),
            None,
        )

    def field_title(self, kpi: Kpi) -> str:
        return CATEGORY_TITLES.get(kpi.field or "", kpi.field or "")


def layout(vision: Vision) -> DocumentLayout:
    members = vision.municipalities
    totals = (
        sum(m.population for m in members),
        sum(m.households for m in members),
        sum((m.area_km2 for m in members), Decimal(0)),
    )
    shares = tuple(share_percent(totals[n], vision.prefecture[n]) for n in range(3))
    pillars = tuple(
        PillarSection(
            pillar,
            tuple(
                PolicySection(
                    p,
                    CATEGORY_TITLES.get(p.agreement_category or ""),
                    tuple(i for i in vision.initiatives if i.policy_id == p.id),
                )
                for p in vision.policies
                if p.pillar == pillar.number
            ),
            tuple(k for k in vision.kpis if k.level == "pillar" and k.pillar == pillar.number),
        )
        for pillar in vision.pillars
    )
    names = {m.code: m.name for m in members}
    return DocumentLayout(vision, names, totals, shares, pillars)
