"""`toshiken registers list|export|import|seed`: the shared registers from the command line.

The command line is an operator's: it reads internal fields and writes every municipality's
entries (like the secretariat), logged in the audit trail as cli:<user>.
"""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from toshiken.accounts.model import Actor
from toshiken.core.db import transaction
from toshiken.core.output import Format, render
from toshiken.core.runtime import Runtime
from toshiken.registers import store
from toshiken.registers.access import declarations, ensure_seeded, members
from toshiken.registers.files import FileRejected, write_csv, write_xlsx
from toshiken.registers.importing import ImportRejected
from toshiken.registers.load import import_file
from toshiken.registers.model import Register
from toshiken.registers.tables import columns, record, rows

registers = typer.Typer(
    help="Shared registers (登録簿): list, export, import.", no_args_is_help=True
)
PublicOption = Annotated[bool, typer.Option("--public", help="Public fields only")]


def _runtime(ctx: typer.Context) -> tuple[Runtime, dict[str, Register], dict[str, str]]:
    runtime: Runtime = ctx.obj
    found, names = declarations(runtime.settings), members(runtime.settings)
    ensure_seeded(runtime.sessions, found, names, datetime.now(UTC))
    return runtime, found, names


def _register(found: dict[str, Register], key: str) -> Register:
    if key not in found:
        typer.echo(f"error: no register {key!r}; one of: {', '.join(found)}", err=True)
        raise typer.Exit(2)
    return found[key]


@registers.command("list")
def list_(
    ctx: typer.Context,
    key: Annotated[str | None, typer.Argument(help="A register: list its entries")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    public: PublicOption = False,
) -> None:
    """The registers and their number of entries, or one register's entries."""
    runtime, found, names = _runtime(ctx)
    with runtime.sessions() as session:
        if key is None:
            counts = store.counts(session)
            table: list[dict[str, object]] = [
                {"key": r.key, "title": r.title, "initiatives": ", ".join(r.initiatives),
                 "entries": counts.get(r.key, 0)}
                for r in found.values()
            ]  # fmt: skip
        else:
            register = _register(found, key)
            table = [dict(record(register, e, names, not public))
                     for e in store.entries(session, key)]  # fmt: skip
    typer.echo(render(table, fmt), nl=False)


@registers.command("export")
def export(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The register, e.g. sightings")],
    output: Annotated[Path, typer.Option("--output", "-o", help="A .csv or .xlsx file")],
    public: PublicOption = False,
) -> None:
    """Write a register to CSV (UTF-8 with BOM) or Excel, in the layout import reads."""
    runtime, found, names = _runtime(ctx)
    register = _register(found, key)
    with runtime.sessions() as session:
        entries = store.entries(session, key)
    headers = [c.label for c in columns(register, not public)]
    table = rows(register, entries, names, not public)
    if output.suffix.lower() == ".xlsx":
        output.write_bytes(write_xlsx(register.title, headers, table))
    else:
        output.write_bytes(write_csv(headers, table))
    typer.echo(f"wrote {output} ({len(entries)} entries)")


@registers.command("import")
def import_(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The register, e.g. sightings")],
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help=".csv or .xlsx")],
) -> None:
    """Import every row or none: an empty ID adds an entry, an ID replaces that entry."""
    runtime, found, names = _runtime(ctx)
    register = _register(found, key)
    actor = Actor(None, f"cli:{getpass.getuser()}")
    try:
        with transaction(runtime.sessions) as session:
            created, changed = import_file(
                session, register, names, path.name, path.read_bytes(), actor,
                lambda code: True, datetime.now(UTC),
            )  # fmt: skip
    except FileRejected as exc:
        typer.echo(f"error: {path}: {exc}", err=True)
        raise typer.Exit(1) from exc
    except ImportRejected as exc:
        for error in exc.errors:
            typer.echo(f"error: {path}: {error}", err=True)
        typer.echo(f"{path}: nothing imported ({len(exc.errors)} problems)", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"{path}: {created} added, {changed} changed")


@registers.command("seed")
def seed(ctx: typer.Context) -> None:
    """Write the declared first entries of registers never seeded (pages and commands do it too)."""
    runtime: Runtime = ctx.obj
    found, names = declarations(runtime.settings), members(runtime.settings)
    written = ensure_seeded(runtime.sessions, found, names, datetime.now(UTC))
    for key, count in written.items():
        typer.echo(f"{key}: {count} entries seeded")
    if not written:
        typer.echo("nothing to seed")


def register(app: typer.Typer) -> None:
    app.add_typer(registers, name="registers")
