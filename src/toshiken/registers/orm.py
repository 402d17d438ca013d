"""The registers' tables: one for the entries of every register, one for what has been seeded.

No foreign key to the vision's municipalities: a reload of the vision replaces them, and the
entries must survive it. The store checks codes against the members instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from toshiken.core.db import Base


class RegisterEntryRow(Base):
    """An entry: its register, municipality and values as JSON, checked against the declaration."""

    __tablename__ = "registers_entry"
    __table_args__ = (
        Index("ix_registers_entry_register_municipality", "register", "municipality_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    register: Mapped[str] = mapped_column(String(40))
    municipality_code: Mapped[str] = mapped_column(String(6))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(100))


class RegisterSeedRow(Base):
    """A register whose first entries (the declaration's seed) were written, once."""

    __tablename__ = "registers_seeded"

    register: Mapped[str] = mapped_column(String(40), primary_key=True)
    entries: Mapped[int] = mapped_column(Integer)
    seeded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
