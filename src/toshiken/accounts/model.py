"""Users, roles and actors as plain values: what the rest of toshiken sees of an account."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from toshiken.core.i18n import N_


class Role(StrEnum):
    """What a signed-in user may do; the public (no login) has no role."""

    secretariat = "secretariat"  # 事務局 (the hub city): edits everything
    staff = "staff"  # 市町村担当者: bound to one municipality
    viewer = "viewer"  # 閲覧者: internal read only


ROLE_LABELS: dict[Role, str] = {
    Role.secretariat: N_("事務局"),
    Role.staff: N_("市町村担当者"),
    Role.viewer: N_("閲覧者"),
}


@dataclass(frozen=True)
class Actor:
    """Who made a change, as the audit log names them: a user, or a command-line operator."""

    user_id: int | None
    name: str


@dataclass(frozen=True)
class User:
    """A signed-in account. Staff carry the code of their municipality; others carry None."""

    id: int
    username: str
    display_name: str
    role: Role
    municipality_code: str | None
    active: bool = True

    @property
    def actor(self) -> Actor:
        return Actor(self.id, self.username)

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


class AccountError(ValueError):
    """A request about accounts that cannot be carried out (unknown user, bad role …)."""
