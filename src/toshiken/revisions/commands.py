"""`toshiken vision diff A B` and `toshiken vision revisions`, `toshiken vision show N`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from toshiken.core.output import Format, render, to_json
from toshiken.core.runtime import Runtime
from toshiken.revisions.access import ensure_revisions, vision_of
from toshiken.revisions.changes import diff_dict, diff_rows
from toshiken.revisions.model import Revision

vision_app = typer.Typer(help="The vision's published revisions: list, show, diff.")
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]


def _revisions(ctx: typer.Context) -> list[Revision]:
    runtime: Runtime = ctx.obj
    found = ensure_revisions(runtime.sessions, runtime.settings.data_dir, lambda: datetime.now(UTC))
    if not found:
        typer.echo("No vision is loaded yet: run `toshiken load` first.", err=True)
        raise typer.Exit(1)
    return found


def _pick(found: list[Revision], number: int, name: str) -> Revision:
    for revision in found:
        if revision.number == number:
            return revision
    typer.echo(f"error: {name}: there is no revision {number} (1–{found[-1].number})", err=True)
    raise typer.Exit(2)


@vision_app.command("revisions")
def list_revisions(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """Every published revision: number, title, date, who published it."""
    rows: list[dict[str, object]] = [
        {"number": r.number, "title": r.title, "dated": r.dated.isoformat(),
         "published_by": r.published_by, "sha256": r.sha256}
        for r in _revisions(ctx)
    ]  # fmt: skip
    typer.echo(render(rows, fmt, "ビジョンの改定"), nl=False)


@vision_app.command("show")
def show(ctx: typer.Context, number: int) -> None:
    """A revision as text in the document's own format."""
    typer.echo(_pick(_revisions(ctx), number, "NUMBER").text, nl=False)


@vision_app.command("diff")
def diff(
    ctx: typer.Context,
    before: Annotated[int, typer.Argument(help="The earlier revision's number")],
    after: Annotated[int, typer.Argument(help="The later revision's number")],
    fmt: FormatOption = Format.table,
) -> None:
    """What changed between two revisions: members, initiatives, budgets per FY, KPIs."""
    found = _revisions(ctx)
    a, b = _pick(found, before, "A"), _pick(found, after, "B")
    data = diff_dict(vision_of(a), vision_of(b))
    data = {"from": a.number, "to": b.number, **data}
    if fmt is Format.json:
        typer.echo(to_json(data))
        return
    typer.echo(render(diff_rows(data), fmt, f"改定 {a.number} → {b.number}"), nl=False)


def register(app: typer.Typer) -> None:
    app.add_typer(vision_app, name="vision")
