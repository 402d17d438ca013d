"""The revisions tables: every published revision's document text, and the one draft.

No foreign keys to the vision's tables: publishing replaces them, and the revisions must outlive it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toshiken.core.db import Base


class RevisionRow(Base):
    __tablename__ = "revisions_revision"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(100))
    dated: Mapped[date] = mapped_column(Date)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    reference: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    dataset_sha256: Mapped[str] = mapped_column(String(64), index=True)


class DraftRow(Base):
    __tablename__ = "revisions_draft"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    base: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(100))
