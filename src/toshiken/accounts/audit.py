"""The audit log: record every change with its before and after, and read it back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from toshiken.accounts.model import Actor
from toshiken.accounts.orm import AuditRow

Values = Mapping[str, object]


@dataclass(frozen=True)
class AuditEntry:
    """A change as the audit page and its exports show it."""

    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    action: str  # create, update or delete
    entity: str
    key: str
    municipality_code: str | None
    before: dict[str, object] | None
    after: dict[str, object] | None

    def as_row(self) -> dict[str, object]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor_name,
            "action": self.action,
            "entity": self.entity,
            "key": self.key,
            "municipality_code": self.municipality_code,
            "before": self.before,
            "after": self.after,
        }


def jsonable(value: object) -> object:
    """A value as the log stores it: Decimal and dates as text, enums by value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def record_change(
    session: Session,
    actor: Actor,
    entity: str,
    key: str,
    before: Values | None,
    after: Values | None,
    now: datetime,
    municipality_code: str | None = None,
) -> bool:
    """Log one change inside the caller's transaction; False (nothing logged) if nothing changed.

    `before` None is a creation, `after` None a deletion. Call it in the same transaction as the
    change itself, so that the data and the log cannot disagree.
    """
    old = _values(before)
    new = _values(after)
    if old == new:
        return False
    action = "create" if old is None else "delete" if new is None else "update"
    session.add(
        AuditRow(
            at=now, actor_id=actor.user_id, actor_name=actor.name, action=action, entity=entity,
            entity_key=key, municipality_code=municipality_code,
            before=old, after=new,
        )
    )  # fmt: skip
    return True


def _values(values: Values | None) -> dict[str, object] | None:
    return None if values is None else {str(k): jsonable(v) for k, v in values.items()}


def audit_entries(
    session: Session,
    entity: str | None = None,
    actor: str | None = None,
    limit: int | None = 500,
    offset: int = 0,
) -> list[AuditEntry]:
    """The newest changes first, optionally of one entity kind or by one actor."""
    query = select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.id.desc())
    if entity:
        query = query.where(AuditRow.entity == entity)
    if actor:
        query = query.where(AuditRow.actor_name == actor)
    query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_entry(r) for r in session.scalars(query)]


def _entry(r: AuditRow) -> AuditEntry:
    return AuditEntry(
        r.id, aware(r.at), r.actor_id, r.actor_name, r.action, r.entity, r.entity_key,
        r.municipality_code, r.before, r.after,
    )  # fmt: skip


def aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
