"""Checking the secretariat's account forms: values in, a new account's fields or errors out."""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from toshiken.accounts.model import Role

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
MAX_NAME = 100


@dataclass(frozen=True)
class FormError:
    """A refused field: its name and a code the templates turn into words."""

    field: str
    code: str


@dataclass(frozen=True)
class NewUser:
    username: str
    display_name: str
    role: Role
    municipality_code: str | None


def role_and_municipality(
    form: Mapping[str, str], members: Collection[str]
) -> tuple[Role | None, str | None, list[FormError]]:
    """A role with, for staff, a member municipality (others carry none)."""
    errors: list[FormError] = []
    try:
        role: Role | None = Role(form.get("role", "").strip())
    except ValueError:
        role = None
        errors.append(FormError("role", "required" if not form.get("role") else "bad_role"))
    code = form.get("municipality", "").strip() or None
    if role is Role.staff and code is None:
        errors.append(FormError("municipality", "staff_needs_municipality"))
    elif code is not None and code not in members:
        errors.append(FormError("municipality", "not_member"))
    if role is not None and role is not Role.staff:
        code = None
    return role, code, errors


def new_user(
    form: Mapping[str, str], members: Collection[str], taken: Collection[str]
) -> tuple[NewUser | None, list[FormError]]:
    """The new-account form: username, display_name, role, municipality."""
    errors: list[FormError] = []
    username = form.get("username", "").strip().lower()
    if not username:
        errors.append(FormError("username", "required"))
    elif not USERNAME.fullmatch(username):
        errors.append(FormError("username", "bad_username"))
    elif username in taken:
        errors.append(FormError("username", "taken"))
    name = form.get("display_name", "").strip()
    if not name:
        errors.append(FormError("display_name", "required"))
    elif len(name) > MAX_NAME:
        errors.append(FormError("display_name", "too_long"))
    role, code, problems = role_and_municipality(form, members)
    errors.extend(problems)
    if errors or role is None:
        return None, errors
    return NewUser(username, name, role, code), []


def temporary_password() -> str:
    """A one-time password the secretariat hands over (16 random URL-safe characters)."""
    return secrets.token_urlsafe(12)
