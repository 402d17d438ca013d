"""`toshiken report annual --fy 2025 --format pdf|html|xlsx`: the council's annual report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from toshiken.core.runtime import Runtime
from toshiken.progress.access import load_progress, year_view
from toshiken.progress.annual import ReportFormat, file_name, render_html, render_pdf, render_xlsx
from toshiken.vision.load import current_vision
from toshiken.vision.model import FISCAL_YEARS

report = typer.Typer(help="Reports of progress management (進行管理).", no_args_is_help=True)


@report.command("annual")
def annual(
    ctx: typer.Context,
    fy: Annotated[int, typer.Option("--fy", help="Fiscal year, e.g. 2025")],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="pdf, html or xlsx")] = (
        ReportFormat.pdf
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Default: progress-report-fy<FY>.<fmt>")
    ] = None,
    live: Annotated[
        bool, typer.Option("--live", help="A published year: today's data, not as published")
    ] = False,
) -> None:
    """Write the annual progress report: KPIs, initiatives, spending, with charts.

    A published year is written as it was published, unless --live.
    """
    runtime: Runtime = ctx.obj
    if fy not in FISCAL_YEARS:
        typer.echo(f"error: --fy must be one of {', '.join(map(str, FISCAL_YEARS))}", err=True)
        raise typer.Exit(2)
    vision = current_vision(runtime.sessions)
    if vision is None:
        typer.echo("No vision is loaded yet: run `toshiken load` first.", err=True)
        raise typer.Exit(1)
    progress = load_progress(runtime.sessions)
    view = year_view(vision, progress, fy, live)
    dashboard = view.dashboard
    path = output or Path(file_name(fy, fmt))
    if view.live_changed and view.snapshot is not None:
        typer.echo(f"note: FY{fy} as published; the data has changed since (--live)", err=True)
    if fmt is ReportFormat.xlsx:
        path.write_bytes(render_xlsx(vision, dashboard))
    else:
        html = (
            view.snapshot.html
            if view.snapshot is not None
            else render_html(vision, dashboard, fy in progress.published, progress.last_change)
        )
        if fmt is ReportFormat.pdf:
            path.write_bytes(render_pdf(html))
        else:
            path.write_text(html, encoding="utf-8")
    typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.add_typer(report, name="report")
