"""Signing in and out: throttling, password check, a fresh session; one transaction each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy.orm import Session, sessionmaker

from toshiken.accounts import store
from toshiken.accounts.model import User
from toshiken.accounts.passwords import verify
from toshiken.accounts.throttle import DEFAULT_POLICY, ThrottlePolicy, login_locked_until
from toshiken.core.db import transaction
from toshiken.core.settings import Settings

DEFAULT_LIFETIME = timedelta(hours=8)


def session_lifetime(settings: Settings) -> timedelta:
    """How long a sign-in lasts: settings.session_lifetime_minutes (8 hours by default)."""
    return timedelta(minutes=settings.session_lifetime_minutes)


@dataclass(frozen=True)
class LoginOutcome:
    """A signed-in user, or why not: wrong credentials (user None) or a lock until a moment."""

    user: User | None
    locked_until: datetime | None = None


def sign_in(
    sessions: sessionmaker[Session],
    hasher: PasswordHasher,
    username: str,
    password: str,
    address: str,
    session_id: str,
    now: datetime,
    lifetime: timedelta = DEFAULT_LIFETIME,
    policy: ThrottlePolicy = DEFAULT_POLICY,
) -> LoginOutcome:
    """Check the throttle, then the password; on success open a session under `session_id`.

    Unknown names, wrong passwords and disabled accounts fail alike (and take as long).
    """
    with transaction(sessions) as session:
        by_name, by_address = store.recent_failures(session, username, address, now - policy.window)
        lock = login_locked_until(by_name, by_address, now, policy)
        if lock is not None:
            return LoginOutcome(None, lock)
        found = store.credentials(session, username)
        user, password_hash = found if found else (None, None)
        if user is None or not verify(hasher, password_hash, password) or not user.active:
            store.record_failure(session, username, address, now)
            return LoginOutcome(None)
        if password_hash is not None and hasher.check_needs_rehash(password_hash):
            store.rehash(session, user.id, hasher.hash(password))
        store.clear_failures(session, username, now - policy.window)
        store.open_session(session, user.id, session_id, now, lifetime)
        return LoginOutcome(user)


def sign_out(sessions: sessionmaker[Session], session_id: str) -> None:
    with transaction(sessions) as session:
        store.close_session(session, session_id)


def signed_in_user(sessions: sessionmaker[Session], session_id: str, now: datetime) -> User | None:
    with sessions() as session:
        return store.session_user(session, session_id, now)
