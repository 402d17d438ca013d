"""`toshiken load`, `municipalities`, `initiatives`, `budget`, `kpis`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from toshiken.core.output import Format, render
from toshiken.core.runtime import Runtime
from toshiken.revisions.loading import record_loaded, replaced_by
from toshiken.vision.load import current_vision, load_document
from toshiken.vision.model import Vision
from toshiken.vision.queries import (
    BudgetAxis,
    UnknownMunicipality,
    budget_by,
    filter_initiatives,
    initiative_row,
    kpi_rows,
    municipality_rows,
)
from toshiken.vision.report import VisionError

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]


def _vision(ctx: typer.Context) -> Vision:
    runtime: Runtime = ctx.obj
    vision = current_vision(runtime.sessions)
    if vision is None:
        typer.echo("No vision is loaded yet: run `toshiken load` first.", err=True)
        raise typer.Exit(1)
    return vision


def load(
    ctx: typer.Context,
    source: Annotated[
        Path | None, typer.Option(help="The vision text; default: the embedded Kumamoto vision")
    ] = None,
) -> None:
    """Read, verify and store the vision document; print the load report."""
    runtime: Runtime = ctx.obj
    path = source or runtime.settings.source
    try:
        newer = replaced_by(runtime.sessions, path, runtime.settings.data_dir)
        if newer is not None:
            typer.echo(
                f"{path.name}: unchanged: revision {newer.number} ({newer.title}) replaced it"
            )
            return
        result = load_document(runtime.sessions, path, runtime.settings.data_dir)
    except VisionError as exc:
        typer.echo(str(exc), err=True)
        typer.echo("Nothing was written.", err=True)
        raise typer.Exit(2) from exc
    except (OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    v = result.vision
    typer.echo(f"{path.name}: {v.title} ({v.revision})")
    people = sum(m.population for m in v.municipalities)
    typer.echo(
        f"  {len(v.municipalities)} municipalities, {people:,} people; "
        f"{len(v.pillars)} pillars, {len(v.policies)} policy areas, "
        f"{len(v.initiatives)} initiatives, {len(v.kpis)} KPIs, {len(v.tables)} tables"
    )
    for finding in result.report.findings:
        typer.echo(f"  {finding}")
    typer.echo("  stored" if result.changed else "  unchanged: this document was already loaded")
    record_loaded(runtime.sessions, runtime.settings.data_dir)  # revision 1 on the first load


def municipalities(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """The 24 members with population, households, area, density and participation."""
    typer.echo(render(municipality_rows(_vision(ctx)), fmt, "構成市町村"), nl=False)


def initiatives(
    ctx: typer.Context,
    municipality: Annotated[str | None, typer.Option(help="A member's name or code")] = None,
    pillar: Annotated[int | None, typer.Option(min=1, max=3)] = None,
    policy: Annotated[int | None, typer.Option(min=1, help="Number within the pillar")] = None,
    year: Annotated[int | None, typer.Option(help="Fiscal year with a budget figure")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The initiatives, filtered by participant, pillar, policy area or fiscal year."""
    vision = _vision(ctx)
    try:
        found = filter_initiatives(vision, municipality, pillar, policy, year)
    except UnknownMunicipality as exc:
        typer.echo(f"error: --municipality: {exc}", err=True)
        raise typer.Exit(2) from exc
    rows = [initiative_row(vision, i) for i in found]
    if fmt is Format.table:
        rows = [
            {
                "id": r["id"], "label": r["label"], "title": r["title"],
                "participants": len(r["participant_codes"]),  # type: ignore[arg-type]
                "total_thousand_yen": r["budget_total_thousand_yen"],
            }
            for r in rows
        ]  # fmt: skip
    typer.echo(render(rows, fmt, "具体的取組"), nl=False)


def budget(
    ctx: typer.Context,
    by: Annotated[str, typer.Option(help="pillar, policy, municipality or year")] = "year",
    fmt: FormatOption = Format.table,
) -> None:
    """Budget in thousand yen per fiscal year, grouped; with the grand total."""
    if by not in ("pillar", "policy", "municipality", "year"):
        typer.echo("error: --by must be pillar, policy, municipality or year", err=True)
        raise typer.Exit(2)
    axis: BudgetAxis = by  # type: ignore[assignment]
    rows = [line.as_row() for line in budget_by(_vision(ctx), axis)]
    typer.echo(render(rows, fmt, f"事業費 (千円) by {by}"), nl=False)


def kpis(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """The 13 KPIs with baseline, target, unit and source."""
    typer.echo(render(kpi_rows(_vision(ctx)), fmt, "KPI"), nl=False)


def register(app: typer.Typer) -> None:
    for command in (load, municipalities, initiatives, budget, kpis):
        app.command()(command)
