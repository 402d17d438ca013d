"""The vision as typed values: members, pillars, policies, initiatives, KPIs, statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

FISCAL_YEARS: tuple[int, ...] = (2021, 2022, 2023, 2024, 2025)
"""The vision's period: FY2021 (1 April 2021) to FY2025 (31 March 2026)."""

MunicipalityKind = Literal["市", "町", "村"]
KpiLevel = Literal["pillar", "policy", "field"]
TargetKind = Literal["reach", "maintain"]


@dataclass(frozen=True)
class Municipality:
    """A member of the partnership, with the base-data figures of the vision's table."""

    code: str  # 全国地方公共団体コード, 6 digits including the check digit
    name: str
    reading: str  # katakana
    name_en: str
    kind: MunicipalityKind
    is_hub: bool
    population: int
    households: int
    area_km2: Decimal
    order: int  # position in the vision's member list (0 = 熊本市)


@dataclass(frozen=True)
class Pillar:
    """One of the three pillars of joint work (圏域全体の経済成長のけん引 …)."""

    number: int
    title: str
    direction: str  # (1) 取組の方向性, the introductory paragraphs


@dataclass(frozen=True)
class Policy:
    """A policy area (取組 ①…㉒), numbered within its pillar."""

    pillar: int
    number: int
    title: str
    direction: str  # the 内容 column of the pillar's overview table
    agreement_category: str | None  # "A", "B" or "C" (pillar 3 only)
    agreement_field: str | None  # e.g. "福祉" from 【福祉】
    agreement_content: str  # 取組内容 of the 連携協約
    hub_role: str  # 熊本市の役割
    neighbour_role: str  # 近隣市町村の役割

    @property
    def id(self) -> str:
        return f"{self.pillar}-{self.number}"

    @property
    def mark(self) -> str:
        """The circled number the document prints (①…㉒)."""
        return circled(self.number)


@dataclass(frozen=True)
class ScheduleItem:
    """A row of an initiative's schedule: what, and the fiscal years the text marks."""

    label: str
    years: tuple[int, ...]  # columns that carry a mark (→ or ▶); may be empty


@dataclass(frozen=True)
class Initiative:
    """A concrete initiative (具体的取組), lettered within its policy area."""

    pillar: int
    policy: int
    number: int  # 1 for ア, 2 for イ, …
    title: str
    participants: tuple[str, ...]  # municipality codes, in the vision's member order
    all_members: bool  # the document says 全市町村
    description: str
    roles: str
    hub_role: str
    neighbour_role: str
    cost_sharing: str
    schedule: tuple[ScheduleItem, ...]
    budget: dict[int, int | None]  # FY -> thousand yen; None = blank cell (no budget that year)
    budget_total: int  # the stated 合計, in thousand yen
    subsidies: str
    effect: str
    line: int = field(default=0, compare=False)  # line of the title in the source document

    @property
    def id(self) -> str:
        return f"{self.pillar}-{self.policy}-{self.number}"

    @property
    def letter(self) -> str:
        return KATAKANA_LETTERS[self.number - 1]

    @property
    def policy_id(self) -> str:
        return f"{self.pillar}-{self.policy}"

    @property
    def label(self) -> str:
        """How the document refers to it, e.g. 3-②-イ."""
        return f"{self.pillar}-{circled(self.policy)}-{self.letter}"


@dataclass(frozen=True)
class Kpi:
    """A key performance indicator of chapter 3 §4."""

    number: int  # 1…13 in the order of the §4 table
    level: KpiLevel
    pillar: int
    policy: int | None  # for level "policy"
    field: str | None  # for level "field": the agreement category text
    name: str
    unit: str
    baseline: Decimal
    baseline_period: str  # e.g. "2023" (the year the document gives in brackets)
    target_kind: TargetKind
    target: Decimal  # for "maintain": the base value to stay at or above
    target_period: str  # "2025" unless the target states its own year
    base_period: str | None  # for "maintain": the year of the base value
    source: str | None  # 出典 where the pillar tables give one


@dataclass(frozen=True)
class StatTable:
    """A statistics table of chapter 2 kept as text cells, with its source and date."""

    key: str
    title: str
    unit: str | None
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str
    as_of: str


@dataclass(frozen=True)
class Vision:
    """The whole document as data."""

    title: str
    area_name: str
    revision: str  # e.g. "令和7年（2025年）3月改定"
    revisions: tuple[str, ...]  # the back cover's history, oldest first
    period_start: date
    period_end: date
    population_as_of: date
    population_source: str
    prefecture: tuple[int, int, Decimal]  # 熊本県's population, households, area: the % row's base
    municipalities: tuple[Municipality, ...]
    pillars: tuple[Pillar, ...]
    policies: tuple[Policy, ...]
    initiatives: tuple[Initiative, ...]
    kpis: tuple[Kpi, ...]
    tables: tuple[StatTable, ...] = field(default=())

    def municipality(self, code_or_name: str) -> Municipality:
        for m in self.municipalities:
            if code_or_name in (m.code, m.name):
                return m
        raise KeyError(code_or_name)

    def initiative_by_id(self, initiative_id: str) -> Initiative | None:
        return next((i for i in self.initiatives if i.id == initiative_id), None)

    def policy_by_id(self, policy_id: str) -> Policy | None:
        return next((p for p in self.policies if p.id == policy_id), None)

    def kpi_by_number(self, number: int) -> Kpi | None:
        return next((k for k in self.kpis if k.number == number), None)

    @property
    def hub(self) -> Municipality:
        return next(m for m in self.municipalities if m.is_hub)


KATAKANA_LETTERS = "アイウエオカキクケコサシスセソ"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕"


def circled(number: int) -> str:
    """1 -> ①, 22 -> ㉒."""
    return CIRCLED[number - 1]
