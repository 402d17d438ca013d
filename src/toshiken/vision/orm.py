"""The vision's tables."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toshiken.core.db import Base


class DatasetRow(Base):
    """The loaded document: one row, with the hash that makes a reload a no-op."""

    __tablename__ = "vision_dataset"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    area_name: Mapped[str] = mapped_column(String(200))
    revision: Mapped[str] = mapped_column(String(100))
    revisions: Mapped[list[str]] = mapped_column(JSON)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    population_as_of: Mapped[date] = mapped_column(Date)
    population_source: Mapped[str] = mapped_column(Text)
    prefecture_population: Mapped[int] = mapped_column(Integer)
    prefecture_households: Mapped[int] = mapped_column(Integer)
    prefecture_area_km2: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    source_name: Mapped[str] = mapped_column(String(300))
    source_sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MunicipalityRow(Base):
    __tablename__ = "municipality"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(20), unique=True)
    reading: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(1))
    is_hub: Mapped[bool] = mapped_column(Boolean)
    population: Mapped[int] = mapped_column(Integer)
    households: Mapped[int] = mapped_column(Integer)
    area_km2: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    position: Mapped[int] = mapped_column(Integer)


class PillarRow(Base):
    __tablename__ = "pillar"

    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    direction: Mapped[str] = mapped_column(Text)


class PolicyRow(Base):
    __tablename__ = "policy"

    id: Mapped[str] = mapped_column(String(8), primary_key=True)
    pillar: Mapped[int] = mapped_column(ForeignKey("pillar.number"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    direction: Mapped[str] = mapped_column(Text)
    agreement_category: Mapped[str | None] = mapped_column(String(1))
    agreement_field: Mapped[str | None] = mapped_column(String(40))
    agreement_content: Mapped[str] = mapped_column(Text)
    hub_role: Mapped[str] = mapped_column(Text)
    neighbour_role: Mapped[str] = mapped_column(Text)


class InitiativeRow(Base):
    __tablename__ = "initiative"

    id: Mapped[str] = mapped_column(String(12), primary_key=True)
    policy_id: Mapped[str] = mapped_column(ForeignKey("policy.id"), index=True)
    pillar: Mapped[int] = mapped_column(Integer)
    policy: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    all_members: Mapped[bool] = mapped_column(Boolean)
    description: Mapped[str] = mapped_column(Text)
    roles: Mapped[str] = mapped_column(Text)
    hub_role: Mapped[str] = mapped_column(Text)
    neighbour_role: Mapped[str] = mapped_column(Text)
    cost_sharing: Mapped[str] = mapped_column(Text)
    schedule: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    budget_total: Mapped[int] = mapped_column(Integer)
    subsidies: Mapped[str] = mapped_column(Text)
    effect: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)


class ParticipationRow(Base):
    __tablename__ = "participation"

    initiative_id: Mapped[str] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), primary_key=True
    )
    municipality_code: Mapped[str] = mapped_column(
        ForeignKey("municipality.code"), primary_key=True, index=True
    )


class BudgetRow(Base):
    """A budget cell: thousand yen, or NULL for a blank cell (no budget that year)."""

    __tablename__ = "budget"

    initiative_id: Mapped[str] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), primary_key=True
    )
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount: Mapped[int | None] = mapped_column(Integer)


class KpiRow(Base):
    __tablename__ = "kpi"

    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[str] = mapped_column(String(8))
    pillar: Mapped[int] = mapped_column(ForeignKey("pillar.number"))
    policy: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(1))
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(40))
    baseline: Mapped[Decimal] = mapped_column(Numeric(20, 4))
    baseline_period: Mapped[str] = mapped_column(String(10))
    target_kind: Mapped[str] = mapped_column(String(10))
    target: Mapped[Decimal] = mapped_column(Numeric(20, 4))
    target_period: Mapped[str] = mapped_column(String(10))
    base_period: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str | None] = mapped_column(Text)


class StatTableRow(Base):
    __tablename__ = "stat_table"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(20))
    columns: Mapped[list[str]] = mapped_column(JSON)
    rows: Mapped[list[list[str]]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(Text)
    as_of: Mapped[str] = mapped_column(String(20))
