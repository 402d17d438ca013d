"""Storing and reading back: the same Vision on SQLite and PostgreSQL; a reload is a no-op."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.conftest import DATA
from toshiken.core.runtime import Runtime
from toshiken.vision.load import current_vision, load_document
from toshiken.vision.orm import BudgetRow, ParticipationRow
from toshiken.vision.reader import ReadResult


def test_round_trip(runtime: Runtime, read_result: ReadResult) -> None:
    result = load_document(runtime.sessions, DATA / "vision-2025-03.txt", DATA)
    assert result.changed
    assert current_vision(runtime.sessions) == read_result.vision


def test_reload_changes_nothing(runtime: Runtime) -> None:
    first = load_document(runtime.sessions, DATA / "vision-2025-03.txt", DATA)
    with runtime.sessions() as s:
        loaded_at = s.scalar(select(func.count()).select_from(ParticipationRow))
    second = load_document(runtime.sessions, DATA / "vision-2025-03.txt", DATA)
    assert first.changed and not second.changed
    with runtime.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ParticipationRow)) == loaded_at
        blanks = s.scalar(
            select(func.count()).select_from(BudgetRow).where(BudgetRow.amount.is_(None))
        )
    assert blanks == 6  # blank cells stay NULL, not 0
