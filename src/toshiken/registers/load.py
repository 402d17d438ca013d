"""Import a CSV or Excel file into a register: plan every row, then write all in one go."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from toshiken.accounts.model import Actor
from toshiken.registers import store
from toshiken.registers.files import read_grid
from toshiken.registers.importing import plan_import
from toshiken.registers.model import Register


def import_file(
    session: Session,
    register: Register,
    members: Mapping[str, str],
    file_name: str,
    data: bytes,
    actor: Actor,
    may_edit: Callable[[str], bool],
    now: datetime,
) -> tuple[int, int]:
    """(created, changed) in the caller's transaction; FileRejected or ImportRejected otherwise,
    before anything is written."""
    grid = read_grid(file_name, data)
    existing = {e.id: e.municipality_code for e in store.entries(session, register.key)}
    plan = plan_import(register, grid, members, existing, may_edit)
    return store.apply(session, register, plan, actor, now)
