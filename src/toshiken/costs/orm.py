"""The cost tables: population sets with their figures, and uploaded usage records.

No foreign keys to the vision's tables: a reload of the vision replaces them, and these must
survive it. Quantities are kept as decimal text so tonnes such as 1234.567 come back exactly on
SQLite too; provider, facility and period are '' (not NULL) when absent, so the unique key holds.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from toshiken.core.db import Base


class PopulationSetRow(Base):
    """A named set of populations with the date and source it comes from."""

    __tablename__ = "costs_population_set"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    as_of: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(10))  # "vision" (the base-data table) or "file"
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(100))


class PopulationRow(Base):
    """One municipality's population in a set."""

    __tablename__ = "costs_population"

    set_id: Mapped[int] = mapped_column(
        ForeignKey("costs_population_set.id", ondelete="CASCADE"), primary_key=True
    )
    municipality_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    population: Mapped[int] = mapped_column(Integer)


class UsageUploadRow(Base):
    """One accepted usage file: what kind, which fiscal year, who sent it and when."""

    __tablename__ = "costs_usage_upload"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(300))
    record_count: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    uploaded_by: Mapped[str] = mapped_column(String(100))


class UsageRecordRow(Base):
    """One row of an accepted usage file (kind: sick-child, waste or support-school)."""

    __tablename__ = "costs_usage_record"
    __table_args__ = (
        UniqueConstraint(
            "kind", "fiscal_year", "provider", "facility", "period", "municipality_code",
            name="uq_costs_usage_record_key",
        ),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    upload_id: Mapped[int] = mapped_column(
        ForeignKey("costs_usage_upload.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    provider: Mapped[str] = mapped_column(String(6), default="")
    facility: Mapped[str] = mapped_column(String(200), default="")
    period: Mapped[str] = mapped_column(String(40), default="")
    municipality_code: Mapped[str] = mapped_column(String(6))
    quantity: Mapped[str] = mapped_column(String(40))  # a Decimal as text, exact
    row: Mapped[int] = mapped_column(Integer)  # its row in the uploaded file (1 = header)
