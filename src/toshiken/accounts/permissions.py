"""Who may do what: pure checks on a User (None = the public), shared by every feature."""

from __future__ import annotations

from collections.abc import Collection

from toshiken.accounts.model import Role, User


def is_internal(user: User | None) -> bool:
    """Any active signed-in user may read internal pages (drafts, unpublished figures)."""
    return user is not None and user.active


def is_secretariat(user: User | None) -> bool:
    """The secretariat edits partnership-wide data: the vision, KPI actuals, publication."""
    return is_internal(user) and user is not None and user.role is Role.secretariat


def can_edit_municipality(user: User | None, code: str) -> bool:
    """The secretariat edits every municipality's figures; staff only their own."""
    if user is None or not user.active:
        return False
    if user.role is Role.secretariat:
        return True
    return user.role is Role.staff and user.municipality_code == code


def can_edit_participation(user: User | None, code: str, participants: Collection[str]) -> bool:
    """A municipality's part of an initiative: it must take part, and the user may act for it."""
    return code in participants and can_edit_municipality(user, code)


def editable_codes(user: User | None, participants: Collection[str]) -> list[str]:
    """The participants whose part of an initiative this user may write, in the given order."""
    return [code for code in participants if can_edit_municipality(user, code)]


def can_read_audit(user: User | None) -> bool:
    return is_secretariat(user)
