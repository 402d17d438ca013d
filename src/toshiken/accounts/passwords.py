"""Password hashing with argon2id, and the rules a new password must meet."""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from toshiken.core.settings import Settings

MIN_LENGTH = 12
MAX_LENGTH = 256
# RFC 9106 §4 second recommendation is argon2-cffi's default (t=3, m=64 MiB, p=4).
_PRODUCTION = PasswordHasher(type=Type.ID)
# Tests only (environment "test"): the same algorithm at the lowest cost, so suites stay fast.
_TEST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)
_DUMMIES: dict[int, str] = {}


def hasher_for(settings: Settings) -> PasswordHasher:
    """argon2id at full cost, except when settings.environment is "test"."""
    return _TEST if settings.environment == "test" else _PRODUCTION


def password_problem(password: str) -> str | None:
    """Why a new password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"パスワードは{MIN_LENGTH}文字以上にしてください"
    if len(password) > MAX_LENGTH:
        return f"パスワードは{MAX_LENGTH}文字以下にしてください"
    if len(set(password)) < 4:
        return "パスワードには4種類以上の文字を使ってください"
    return None


def verify(hasher: PasswordHasher, password_hash: str | None, password: str) -> bool:
    """True when the password matches; an unknown user (None) costs the same time and fails."""
    known = password_hash is not None
    if password_hash is None:
        password_hash = _DUMMIES.setdefault(id(hasher), hasher.hash("not a password of anyone"))
    try:
        return hasher.verify(password_hash, password) and known
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
