"""`toshiken users add|list|disable|enable|set-role|passwd`: accounts from the command line."""

from __future__ import annotations

import getpass
import sys
from datetime import UTC, datetime
from typing import Annotated

import typer

from toshiken.accounts import store
from toshiken.accounts.model import AccountError, Actor, Role
from toshiken.accounts.passwords import hasher_for, password_problem
from toshiken.core.db import transaction
from toshiken.core.output import Format, render
from toshiken.core.runtime import Runtime
from toshiken.vision.load import current_vision
from toshiken.vision.queries import UnknownMunicipality, find_municipality

users = typer.Typer(help="Accounts: the secretariat, municipality staff and viewers.")
RoleOption = Annotated[Role, typer.Option("--role", help="secretariat, staff or viewer")]
MunicipalityOption = Annotated[
    str | None, typer.Option("--municipality", help="Name or code; required for staff")
]


def _actor() -> Actor:
    return Actor(None, f"cli:{getpass.getuser()}")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _municipality(runtime: Runtime, role: Role, given: str | None) -> tuple[str | None, set[str]]:
    vision = current_vision(runtime.sessions)
    if vision is None:
        if given is None:
            return None, set()
        raise _fail("no vision is loaded yet: run `toshiken load` first")
    members = {m.code for m in vision.municipalities}
    try:
        code = find_municipality(vision, given).code if given else None
        store.check_role(role, code, members)
    except (UnknownMunicipality, AccountError) as exc:
        raise _fail(str(exc)) from exc
    return code, members


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password)
    if problem:
        raise _fail(problem)
    return password


@users.command("add")
def add(
    ctx: typer.Context,
    username: str,
    role: RoleOption,
    name: Annotated[str, typer.Option("--name", help="Display name, e.g. 合志 花子")],
    municipality: MunicipalityOption = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input")
    ] = False,
) -> None:
    """Create an account (the password is asked twice, or read from stdin)."""
    runtime: Runtime = ctx.obj
    code, _ = _municipality(runtime, role, municipality)
    password_hash = hasher_for(runtime.settings).hash(_password(password_stdin))
    try:
        with transaction(runtime.sessions) as session:
            user = store.create_user(
                session, username, name, role, code, password_hash, _actor(), datetime.now(UTC)
            )
    except AccountError as exc:
        raise _fail(str(exc)) from exc
    typer.echo(f"added {user.username} ({user.role.value})")


@users.command("list")
def list_(
    ctx: typer.Context,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="table, json or csv")
    ] = Format.table,
) -> None:
    """Every account with its role, municipality and whether it is active."""
    runtime: Runtime = ctx.obj
    with runtime.sessions() as session:
        rows: list[dict[str, object]] = [
            {
                "username": u.username, "name": u.display_name, "role": u.role.value,
                "municipality_code": u.municipality_code, "active": u.active,
            }
            for u in store.list_users(session)
        ]  # fmt: skip
    typer.echo(render(rows, fmt, "users"), nl=False)


def _update(ctx: typer.Context, username: str, **changes: object) -> None:
    runtime: Runtime = ctx.obj
    try:
        with transaction(runtime.sessions) as session:
            user = store.update_user(
                session,
                username,
                _actor(),
                datetime.now(UTC),
                **changes,  # type: ignore[arg-type]
            )
    except AccountError as exc:
        raise _fail(str(exc)) from exc
    state = "active" if user.active else "disabled"
    typer.echo(f"{user.username}: {user.role.value} {user.municipality_code or ''} {state}")


@users.command("disable")
def disable(ctx: typer.Context, username: str) -> None:
    """Stop an account from signing in and end its sessions (it stays in the audit log)."""
    _update(ctx, username, active=False)


@users.command("enable")
def enable(ctx: typer.Context, username: str) -> None:
    """Let a disabled account sign in again."""
    _update(ctx, username, active=True)


@users.command("set-role")
def set_role(
    ctx: typer.Context, username: str, role: RoleOption, municipality: MunicipalityOption = None
) -> None:
    """Change an account's role (and, for staff, its municipality)."""
    code, _ = _municipality(ctx.obj, role, municipality)
    _update(ctx, username, role=role, municipality_code=code)


@users.command("passwd")
def passwd(
    ctx: typer.Context,
    username: str,
    password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False,
) -> None:
    """Set a new password; the user's sessions end."""
    runtime: Runtime = ctx.obj
    password_hash = hasher_for(runtime.settings).hash(_password(password_stdin))
    try:
        with transaction(runtime.sessions) as session:
            store.set_password(session, username, password_hash, _actor(), datetime.now(UTC))
    except AccountError as exc:
        raise _fail(str(exc)) from exc
    typer.echo(f"{username}: password changed")


def register(app: typer.Typer) -> None:
    app.add_typer(users, name="users")
