"""Role checks: the secretariat edits everything, staff their municipality, viewers nothing."""

from __future__ import annotations

import pytest

from toshiken.accounts.model import Role, User
from toshiken.accounts.permissions import (
    can_edit_municipality,
    can_edit_participation,
    can_read_audit,
    editable_codes,
    is_internal,
    is_secretariat,
)

SECRETARIAT = User(1, "sec", "事務局", Role.secretariat, None)
STAFF = User(2, "koshi", "合志", Role.staff, "432164")
VIEWER = User(3, "view", "閲覧", Role.viewer, None)
DISABLED = User(4, "old", "旧", Role.secretariat, None, active=False)
PARTICIPANTS = ("431001", "432164")


@pytest.mark.parametrize(
    ("user", "code", "allowed"),
    [
        (SECRETARIAT, "432041", True),
        (STAFF, "432164", True),
        (STAFF, "432041", False),
        (VIEWER, "432164", False),
        (None, "432164", False),
        (DISABLED, "432164", False),
    ],
)
def test_edit_municipality(user: User | None, code: str, allowed: bool) -> None:
    assert can_edit_municipality(user, code) is allowed


def test_participation_needs_taking_part() -> None:
    assert can_edit_participation(STAFF, "432164", PARTICIPANTS)
    assert not can_edit_participation(STAFF, "432164", ("431001",))
    assert not can_edit_participation(SECRETARIAT, "432041", PARTICIPANTS)
    assert editable_codes(SECRETARIAT, PARTICIPANTS) == list(PARTICIPANTS)
    assert editable_codes(STAFF, PARTICIPANTS) == ["432164"]
    assert editable_codes(VIEWER, PARTICIPANTS) == []


def test_reading() -> None:
    assert all(is_internal(u) for u in (SECRETARIAT, STAFF, VIEWER))
    assert not is_internal(None) and not is_internal(DISABLED)
    assert is_secretariat(SECRETARIAT) and not is_secretariat(STAFF)
    assert can_read_audit(SECRETARIAT) and not can_read_audit(VIEWER)
