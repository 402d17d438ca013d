"""Signed session cookies and CSRF tokens: HMAC-SHA256 under the settings' secret key."""

from __future__ import annotations

import hashlib
import hmac
import secrets

COOKIE = "toshiken_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def new_session_id() -> str:
    """A fresh random browser-session id (256 bits)."""
    return secrets.token_urlsafe(32)


def _mac(secret: str, purpose: str, value: str) -> str:
    key = hashlib.sha256(secret.encode()).digest()
    return hmac.new(key, f"{purpose}|{value}".encode(), hashlib.sha256).hexdigest()


def sign_session(secret: str, session_id: str) -> str:
    """The cookie value: the id and its signature."""
    return f"{session_id}.{_mac(secret, 'session', session_id)}"


def unsign_session(secret: str, cookie: str | None) -> str | None:
    """The session id of a cookie whose signature holds; None for a missing or forged one."""
    if not cookie or "." not in cookie:
        return None
    session_id, _, signature = cookie.rpartition(".")
    if not session_id or not hmac.compare_digest(signature, _mac(secret, "session", session_id)):
        return None
    return session_id


def csrf_token(secret: str, session_id: str) -> str:
    """The token every form of this browser session carries (bound to the session id)."""
    return _mac(secret, "csrf", session_id)


def csrf_valid(secret: str, session_id: str | None, token: str | None) -> bool:
    if not session_id or not token:
        return False
    return hmac.compare_digest(token, csrf_token(secret, session_id))


def session_key(session_id: str) -> str:
    """What the database stores for a session: its SHA-256, so a leaked table opens nothing."""
    return hashlib.sha256(session_id.encode()).hexdigest()
