"""The progress tables: KPI actuals, initiative reports, published years and their snapshots.

No foreign keys to the vision's tables: a reload of the vision replaces them, and progress must
survive it. The store checks KPI numbers, initiative ids and municipality codes instead.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, DateTime, Integer, LargeBinary, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toshiken.core.db import Base


class KpiActualRow(Base):
    __tablename__ = "progress_kpi_actual"

    kpi_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[Decimal] = mapped_column(Numeric(20, 4))
    source: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(100))


class InitiativeReportRow(Base):
    __tablename__ = "progress_initiative_report"

    initiative_id: Mapped[str] = mapped_column(String(12), primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(6), primary_key=True, index=True)
    status: Mapped[str] = mapped_column(String(16))
    spent: Mapped[int | None] = mapped_column(Integer)  # thousand yen
    activities: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(100))


class PublicationRow(Base):
    """A fiscal year whose dashboard and annual report the public may read."""

    __tablename__ = "progress_publication"

    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str] = mapped_column(String(100))


class ReportSnapshotRow(Base):
    """A published year frozen: the report's inputs and figures as JSON, its HTML, and the PDF.

    The PDF is printed from the frozen HTML on its first download and kept with its SHA-256.
    """

    __tablename__ = "progress_report_snapshot"

    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str] = mapped_column(String(100))
    inputs: Mapped[dict[str, object]] = mapped_column(JSON)
    inputs_sha256: Mapped[str] = mapped_column(String(64))
    figures: Mapped[dict[str, object]] = mapped_column(JSON)
    html: Mapped[str] = mapped_column(Text)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
