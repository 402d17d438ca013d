"""`toshiken services`: the finder for a resident, the service list and the reverse view."""

from __future__ import annotations

from typing import Annotated

import typer

from toshiken.core.output import Format, render, to_json
from toshiken.core.runtime import Runtime
from toshiken.services.catalog import FILE_NAME, ServiceDataError, read_catalog
from toshiken.services.finder import find
from toshiken.services.model import Service
from toshiken.services.rows import finding_row, offer_flat, reverse_row
from toshiken.services.rows import service_row as full_row
from toshiken.vision.load import current_vision
from toshiken.vision.model import Vision
from toshiken.vision.queries import UnknownMunicipality, find_municipality


def _catalog(ctx: typer.Context) -> tuple[Vision, tuple[Service, ...]]:
    runtime: Runtime = ctx.obj
    vision = current_vision(runtime.sessions)
    if vision is None:
        typer.echo("No vision is loaded yet: run `toshiken load` first.", err=True)
        raise typer.Exit(1)
    try:
        return vision, read_catalog(runtime.settings.data_dir / FILE_NAME, vision)
    except (OSError, ServiceDataError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def _member(vision: Vision, option: str, value: str) -> str:
    try:
        return find_municipality(vision, value).code
    except UnknownMunicipality as exc:
        typer.echo(f"error: {option}: {exc}", err=True)
        raise typer.Exit(2) from exc


def services(
    ctx: typer.Context,
    home: Annotated[
        str | None, typer.Option("--for", help="Where the resident lives: name or code")
    ] = None,
    work: Annotated[
        str | None, typer.Option("--work", help="Where they work or study: name or code")
    ] = None,
    service: Annotated[
        str | None, typer.Option("--service", help="A service id: whose residents may use it")
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="table, json or csv")
    ] = Format.table,
) -> None:
    """Services of other municipalities a resident may use (--for), or the list of services."""
    vision, catalog = _catalog(ctx)
    if service is not None:
        _reverse(vision, catalog, service, fmt)
        return
    if home is None:
        if work is not None:
            typer.echo("error: --work needs --for", err=True)
            raise typer.Exit(2)
        rows = [_list_row(vision, s) for s in catalog]
        typer.echo(render(rows, fmt, "越境利用できるサービス"), nl=False)
        return
    home_m = vision.municipality(_member(vision, "--for", home))
    work_m = vision.municipality(_member(vision, "--work", work)) if work else None
    finding = find(vision, catalog, home_m, work_m)
    if fmt is Format.json:
        typer.echo(to_json(finding_row(vision, finding)))
        return
    rows = [offer_flat(vision, o) for o in finding.offers]
    if fmt is Format.table:
        rows = [{k: r[k] for k in ("group", "name", "providers", "via")} for r in rows]
    title = f"{home_m.name}にお住まいの方が使えるほかの市町村のサービス"
    typer.echo(render(rows, fmt, title), nl=False)


def _list_row(vision: Vision, service: Service) -> dict[str, object]:
    row = full_row(vision, service)
    homes: list[dict[str, str]] = row["eligible_homes"]  # type: ignore[assignment]
    providers: list[dict[str, str]] = row["providers"]  # type: ignore[assignment]
    initiative: dict[str, str] = row["initiative"]  # type: ignore[assignment]
    return {
        "id": service.id,
        "group": service.group,
        "name": service.name,
        "initiative": initiative["id"],
        "providers": [p["name"] for p in providers],
        "eligible_homes": len(homes),
    }


def _reverse(vision: Vision, catalog: tuple[Service, ...], service_id: str, fmt: Format) -> None:
    found = next((s for s in catalog if s.id == service_id), None)
    if found is None:
        ids = ", ".join(s.id for s in catalog)
        typer.echo(f"error: --service: no service {service_id!r} (services: {ids})", err=True)
        raise typer.Exit(2)
    row = reverse_row(vision, found)
    if fmt is Format.json:
        typer.echo(to_json(row))
        return
    reach: list[dict[str, object]] = row["reach"]  # type: ignore[assignment]
    rows = [
        {
            "provider": r["label"],
            "residents_of": [m["name"] for m in r["residents_of"]],  # type: ignore[attr-defined]
        }
        for r in reach
    ]
    typer.echo(render(rows, fmt, f"{found.name}：利用できる住民"), nl=False)


def register(app: typer.Typer) -> None:
    app.command()(services)
