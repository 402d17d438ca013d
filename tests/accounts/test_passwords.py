"""argon2id hashing, the cheap test parameters, and password rules."""

from __future__ import annotations

from toshiken.accounts.passwords import hasher_for, password_problem, verify
from toshiken.core.settings import Settings


def test_argon2id_and_costs() -> None:
    fast = hasher_for(Settings(environment="test"))
    full = hasher_for(Settings(environment="development"))
    hashed = fast.hash("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert "m=8," in hashed and full.memory_cost == 65536
    assert verify(fast, hashed, "correct horse battery")
    assert not verify(fast, hashed, "wrong horse battery")
    assert not verify(fast, None, "correct horse battery")
    assert not verify(fast, "not a hash", "x")
    # a hash made at any cost verifies; the production hasher asks for a stronger one
    assert verify(full, hashed, "correct horse battery")
    assert full.check_needs_rehash(hashed)


def test_rules() -> None:
    assert password_problem("short") is not None
    assert password_problem("aaaaaaaaaaaaaaaa") is not None
    assert password_problem("x" * 300) is not None
    assert password_problem("correct horse battery") is None
