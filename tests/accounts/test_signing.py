"""Signed session cookies and CSRF tokens."""

from __future__ import annotations

from toshiken.accounts.signing import (
    csrf_token,
    csrf_valid,
    new_session_id,
    session_key,
    sign_session,
    unsign_session,
)


def test_round_trip_and_forgery() -> None:
    session_id = new_session_id()
    cookie = sign_session("key", session_id)
    assert unsign_session("key", cookie) == session_id
    assert unsign_session("other key", cookie) is None
    assert unsign_session("key", session_id + ".0000") is None
    assert unsign_session("key", None) is None
    assert unsign_session("key", "no-dot") is None


def test_csrf_token_is_bound_to_the_session() -> None:
    a, b = new_session_id(), new_session_id()
    assert csrf_valid("key", a, csrf_token("key", a))
    assert not csrf_valid("key", b, csrf_token("key", a))
    assert not csrf_valid("key", a, None)
    assert not csrf_valid("key", None, csrf_token("key", a))


def test_the_database_never_sees_the_id() -> None:
    session_id = new_session_id()
    assert session_id not in session_key(session_id)
    assert len(session_key(session_id)) == 64
