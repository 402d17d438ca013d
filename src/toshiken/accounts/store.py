"""Accounts in the database: users, sessions and failed logins; every change is audited."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from toshiken.accounts.audit import aware, record_change
from toshiken.accounts.model import AccountError, Actor, Role, User
from toshiken.accounts.orm import LoginFailureRow, SessionRow, UserRow
from toshiken.accounts.signing import session_key

ENTITY = "user"


def _user(row: UserRow) -> User:
    return User(
        row.id, row.username, row.display_name, Role(row.role), row.municipality_code, row.active
    )


def _audited(row: UserRow) -> dict[str, object]:
    """What the audit log shows of a user (never the password hash)."""
    return {
        "username": row.username,
        "display_name": row.display_name,
        "role": row.role,
        "municipality_code": row.municipality_code,
        "active": row.active,
    }


def check_role(role: Role, municipality_code: str | None, members: set[str]) -> None:
    """Staff belong to one member municipality; a code, where given, must be a member's."""
    if role is Role.staff and municipality_code is None:
        raise AccountError("staff must be bound to a municipality (--municipality)")
    if municipality_code is not None and municipality_code not in members:
        raise AccountError(f"{municipality_code} is not a member municipality")


def create_user(
    session: Session,
    username: str,
    display_name: str,
    role: Role,
    municipality_code: str | None,
    password_hash: str,
    actor: Actor,
    now: datetime,
) -> User:
    if session.scalar(select(UserRow.id).where(UserRow.username == username)) is not None:
        raise AccountError(f"user {username!r} already exists")
    row = UserRow(
        username=username, display_name=display_name, role=role.value,
        municipality_code=municipality_code, password_hash=password_hash, active=True,
        created_at=now,
    )  # fmt: skip
    session.add(row)
    session.flush()
    record_change(session, actor, ENTITY, username, None, _audited(row), now, municipality_code)
    return _user(row)


def _row(session: Session, username: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.username == username))
    if row is None:
        raise AccountError(f"no user {username!r}")
    return row


def credentials(session: Session, username: str) -> tuple[User, str] | None:
    """The user and their password hash, for signing in."""
    row = session.scalar(select(UserRow).where(UserRow.username == username))
    return None if row is None else (_user(row), row.password_hash)


def list_users(session: Session) -> list[User]:
    return [_user(r) for r in session.scalars(select(UserRow).order_by(UserRow.username))]


def update_user(
    session: Session,
    username: str,
    actor: Actor,
    now: datetime,
    *,
    role: Role | None = None,
    municipality_code: str | None = None,
    active: bool | None = None,
) -> User:
    """Change role (with its municipality) or active flag. Disabling ends the user's sessions."""
    row = _row(session, username)
    before = _audited(row)
    if role is not None:
        row.role = role.value
        row.municipality_code = municipality_code
    if active is not None:
        row.active = active
        if not active:
            session.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
    session.flush()
    record_change(
        session, actor, ENTITY, username, before, _audited(row), now, row.municipality_code
    )
    return _user(row)


def set_password(
    session: Session, username: str, password_hash: str, actor: Actor, now: datetime
) -> None:
    """A new password ends every session of the user; the log notes the change, not the hash."""
    row = _row(session, username)
    row.password_hash = password_hash
    session.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
    record_change(
        session, actor, ENTITY, username, {"password": "(previous)"}, {"password": "(changed)"}, now
    )


def rehash(session: Session, user_id: int, password_hash: str) -> None:
    """Store a stronger hash of the same password (not a change the log needs)."""
    row = session.get(UserRow, user_id)
    if row is not None:
        row.password_hash = password_hash


def open_session(
    session: Session, user_id: int, session_id: str, now: datetime, lifetime: timedelta
) -> None:
    session.add(
        SessionRow(
            key=session_key(session_id), user_id=user_id, created_at=now, expires_at=now + lifetime
        )
    )
    session.execute(delete(SessionRow).where(SessionRow.expires_at < now))


def session_user(session: Session, session_id: str, now: datetime) -> User | None:
    """The active user signed in on this browser session, unless it expired."""
    found = session.execute(
        select(SessionRow, UserRow)
        .join(UserRow, UserRow.id == SessionRow.user_id)
        .where(SessionRow.key == session_key(session_id))
    ).first()
    if found is None:
        return None
    row, user = found
    if aware(row.expires_at) <= now or not user.active:
        return None
    return _user(user)


def close_session(session: Session, session_id: str) -> None:
    session.execute(delete(SessionRow).where(SessionRow.key == session_key(session_id)))


def record_failure(session: Session, username: str, address: str, now: datetime) -> None:
    session.add(LoginFailureRow(username=username[:64], address=address[:64], at=now))


def recent_failures(
    session: Session, username: str, address: str, since: datetime
) -> tuple[list[datetime], list[datetime]]:
    """Failed logins since a moment: for the user name, and from the address."""
    by_name = session.scalars(
        select(LoginFailureRow.at).where(
            LoginFailureRow.username == username[:64], LoginFailureRow.at > since
        )
    )
    by_address = session.scalars(
        select(LoginFailureRow.at).where(
            LoginFailureRow.address == address[:64], LoginFailureRow.at > since
        )
    )
    return [aware(t) for t in by_name], [aware(t) for t in by_address]


def clear_failures(session: Session, username: str, before: datetime) -> None:
    """Forget the user name's failures after a success, and everyone's expired ones."""
    session.execute(delete(LoginFailureRow).where(LoginFailureRow.username == username[:64]))
    session.execute(delete(LoginFailureRow).where(LoginFailureRow.at < before))
