"""The registers as routes see them: declarations, members, seeded on first use; 404 otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends

from toshiken.accounts.model import User
from toshiken.accounts.permissions import can_edit_municipality
from toshiken.core.web import RuntimeDep, not_found
from toshiken.registers.access import declarations, ensure_seeded, members
from toshiken.registers.model import Register

_SEEDED: set[tuple[str, str]] = set()
"""(database URL, register) pairs this process has seen seeded: checked once, not per request."""


@dataclass(frozen=True)
class Book:
    """Every declared register and the members' names, by code."""

    registers: dict[str, Register]
    members: dict[str, str]

    def register(self, key: str) -> Register:
        found = self.registers.get(key)
        if found is None:
            raise not_found(f"register {key!r}")
        return found

    def editable(self, user: User | None) -> list[str]:
        """The municipalities whose entries this user may write, in the members' order."""
        return [code for code in self.members if can_edit_municipality(user, code)]


def book(runtime: RuntimeDep) -> Book:
    registers = declarations(runtime.settings)
    names = members(runtime.settings)
    url = runtime.settings.database_url
    if any((url, r.key) not in _SEEDED for r in registers.values() if r.seed):
        ensure_seeded(runtime.sessions, registers, names, datetime.now(UTC))
        _SEEDED.update((url, key) for key in registers)
    return Book(registers, names)


BookDep = Annotated[Book, Depends(book)]
