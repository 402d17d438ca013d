"""`toshiken opendata export DIR` and `toshiken opendata datasets`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from toshiken.core.output import Format, render
from toshiken.core.runtime import Runtime
from toshiken.opendata.formats import iso
from toshiken.opendata.package import DESCRIPTOR, export, zip_name
from toshiken.opendata.store import Published, Publisher

opendata = typer.Typer(
    help="Open data: the catalog's datasets and their files (CSV, JSON, data package, ZIP).",
    no_args_is_help=True,
)


def _published(ctx: typer.Context) -> Published:
    runtime: Runtime = ctx.obj
    try:
        publisher = Publisher(runtime.settings)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    published = publisher.current(runtime.sessions)
    if published is None:
        typer.echo("No vision is loaded yet: run `toshiken load` first.", err=True)
        raise typer.Exit(1)
    return published


@opendata.command("export")
def export_command(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="Folder to write into (created if missing)")],
) -> None:
    """Write every dataset's CSV and JSON, datapackage.json and the bulk ZIP into DIR."""
    catalog = _published(ctx).catalog
    try:
        written = export(catalog, directory)
    except OSError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(
        f"{len(catalog.datasets)} datasets from {len(catalog.organizations)} organisations: "
        f"{len(written)} files in {directory} ({DESCRIPTOR}, {zip_name(catalog)})"
    )


@opendata.command("datasets")
def datasets_command(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")] = (
        Format.table
    ),
) -> None:
    """The published datasets: name, title, organisation, rows and last-modified time."""
    catalog = _published(ctx).catalog
    rows: list[dict[str, object]] = [
        {"name": d.name, "title": d.title, "organization": d.organization,
         "rows": len(d.table.rows), "modified": iso(d.modified)}
        for d in catalog.datasets
    ]  # fmt: skip
    typer.echo(render(rows, fmt, "オープンデータ"), nl=False)


def register(app: typer.Typer) -> None:
    app.add_typer(opendata, name="opendata")
