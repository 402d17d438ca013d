"""The registers in the database: read entries, write them with an audit trail, seed once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from toshiken.accounts.audit import aware, record_change
from toshiken.accounts.model import Actor
from toshiken.registers.model import Entry, Register
from toshiken.registers.orm import RegisterEntryRow, RegisterSeedRow
from toshiken.registers.seed import seed_entries
from toshiken.registers.validate import Cleaned


def entity(register: str) -> str:
    """The audit log's entity for a register's entries, e.g. register:sightings."""
    return f"register:{register}"


def _entry(row: RegisterEntryRow) -> Entry:
    return Entry(
        row.id, row.register, row.municipality_code, dict(row.data), aware(row.created_at),
        row.created_by, aware(row.updated_at), row.updated_by,
    )  # fmt: skip


def entries(session: Session, register: str) -> list[Entry]:
    """Every entry of a register, oldest first."""
    query = select(RegisterEntryRow).where(RegisterEntryRow.register == register)
    return [_entry(r) for r in session.scalars(query.order_by(RegisterEntryRow.id))]


def entry(session: Session, register: str, entry_id: int) -> Entry | None:
    row = session.get(RegisterEntryRow, entry_id)
    return None if row is None or row.register != register else _entry(row)


def counts(session: Session) -> dict[str, int]:
    """The number of entries of each register that has any."""
    query = select(RegisterEntryRow.register, func.count()).group_by(RegisterEntryRow.register)
    return {register: int(n) for register, n in session.execute(query)}


def last_change(session: Session, register: str) -> datetime | None:
    query = select(func.max(RegisterEntryRow.updated_at))
    moment = session.scalar(query.where(RegisterEntryRow.register == register))
    return None if moment is None else aware(moment)


def snapshot(code: str, values: Mapping[str, object]) -> dict[str, object]:
    """What the audit log keeps of an entry: its municipality and every value."""
    return {"municipality_code": code, **values}


def create(
    session: Session, register: Register, cleaned: Cleaned, actor: Actor, now: datetime
) -> int:
    """Add an entry and log it; its new id."""
    row = RegisterEntryRow(
        register=register.key, municipality_code=cleaned.municipality_code,
        data=dict(cleaned.values), created_at=now, created_by=actor.name, updated_at=now,
        updated_by=actor.name,
    )  # fmt: skip
    session.add(row)
    session.flush()
    after = snapshot(cleaned.municipality_code, cleaned.values)
    record_change(
        session, actor, entity(register.key), str(row.id), None, after, now,
        municipality_code=cleaned.municipality_code,
    )  # fmt: skip
    return row.id


def update(
    session: Session,
    register: Register,
    entry_id: int,
    cleaned: Cleaned,
    actor: Actor,
    now: datetime,
) -> bool:
    """Replace an entry's municipality and values; False when nothing changed (nothing logged)."""
    row = session.get(RegisterEntryRow, entry_id)
    if row is None or row.register != register.key:
        raise KeyError(entry_id)
    before = snapshot(row.municipality_code, row.data)
    after = snapshot(cleaned.municipality_code, cleaned.values)
    if not record_change(
        session, actor, entity(register.key), str(entry_id), before, after, now,
        municipality_code=cleaned.municipality_code,
    ):  # fmt: skip
        return False
    row.municipality_code = cleaned.municipality_code
    row.data = dict(cleaned.values)
    row.updated_at, row.updated_by = now, actor.name
    return True


def delete(session: Session, register: str, entry_id: int, actor: Actor, now: datetime) -> None:
    row = session.get(RegisterEntryRow, entry_id)
    if row is None or row.register != register:
        raise KeyError(entry_id)
    before = snapshot(row.municipality_code, row.data)
    record_change(
        session, actor, entity(register), str(entry_id), before, None, now,
        municipality_code=row.municipality_code,
    )  # fmt: skip
    session.delete(row)


def apply(
    session: Session,
    register: Register,
    rows: Sequence[tuple[int | None, Cleaned]],
    actor: Actor,
    now: datetime,
) -> tuple[int, int]:
    """Write checked rows (an id updates, None creates) in the caller's transaction.

    Returns (entries created, entries changed)."""
    created = changed = 0
    for entry_id, cleaned in rows:
        if entry_id is None:
            create(session, register, cleaned, actor, now)
            created += 1
        elif update(session, register, entry_id, cleaned, actor, now):
            changed += 1
    return created, changed


def seeded(session: Session) -> set[str]:
    return set(session.scalars(select(RegisterSeedRow.register)))


def seed(
    session: Session,
    register: Register,
    members: Mapping[str, str],
    actor: Actor,
    now: datetime,
) -> int | None:
    """Write the declaration's first entries once; None when the register was seeded before.

    The seed row's primary key makes a second, concurrent seeding fail (IntegrityError, to the
    caller, whose transaction then writes nothing) instead of doubling the entries.
    """
    if session.get(RegisterSeedRow, register.key) is not None:
        return None
    cleaned = seed_entries(register, members)
    session.add(RegisterSeedRow(register=register.key, entries=len(cleaned), seeded_at=now))
    session.flush()
    for entry in cleaned:
        create(session, register, entry, actor, now)
    return len(cleaned)
