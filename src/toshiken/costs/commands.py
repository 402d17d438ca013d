"""`toshiken costs rules|allocate|what-if|settle|population-sets|population-add`."""

from __future__ import annotations

import getpass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from toshiken.accounts.model import Actor
from toshiken.core.output import Format, render, to_json
from toshiken.core.runtime import Runtime
from toshiken.costs import queries, store
from toshiken.costs.calculate import InputError
from toshiken.costs.catalog import Catalog, load_catalog
from toshiken.costs.populations import PopulationFileError, parse_population_file
from toshiken.costs.rows import Row, flat_rule_row, population_row, statement_lines
from toshiken.costs.settle import YenRounding
from toshiken.costs.statements import statements_html, statements_pdf, statements_xlsx
from toshiken.costs.terms import SettleKind
from toshiken.costs.uploads import (
    Prices,
    Settled,
    SettleRefused,
    parse_prices,
    save,
    save_population,
    settle,
)
from toshiken.vision.load import current_vision

costs = typer.Typer(help="Cost sharing (費用負担): rules, allocations, what-if, settlements.")
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]
Initiative = Annotated[str, typer.Option("--initiative", "-i", help="Initiative id, e.g. 3-3-5")]
Amount = Annotated[str | None, typer.Option(help="Yen; default: the --fy budget × 1,000")]
Fy = Annotated[int | None, typer.Option("--fy", help="Fiscal year (its budget, its usage)")]
PopulationOption = Annotated[
    str | None, typer.Option("--population", help="Population set id or name; default: vision's")
]
Component = Annotated[int | None, typer.Option(help="Component number (1 = first)")]
WeightsOption = Annotated[str | None, typer.Option("--weights", help="均等割:人口割, e.g. 3:7")]


class RoundingChoice(StrEnum):
    largest_remainder = "largest-remainder"
    hub = "hub"


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _catalog(ctx: typer.Context) -> tuple[Runtime, Catalog]:
    runtime: Runtime = ctx.obj
    vision = current_vision(runtime.sessions)
    if vision is None:
        raise _fail("no vision is loaded yet: run `toshiken load` first", 1)
    try:
        catalog = load_catalog(runtime.settings.data_dir, vision)
    except ValueError as error:
        raise _fail(str(error)) from error
    store.seed_vision_set(runtime.sessions, vision, datetime.now(UTC))
    return runtime, catalog


def _known(catalog: Catalog, initiative_id: str) -> None:
    if not catalog.has(initiative_id):
        raise _fail(f"--initiative: {initiative_id} is not an initiative of the vision")


def _params(amount: str | None, fy: int | None, population: str | None, rounding: str,
            component: int | None, weights: str | None) -> dict[str, str]:  # fmt: skip
    params = {"amount": amount or "", "fy": str(fy or ""), "population": population or "",
              "rounding": rounding, "component": str(component or "")}  # fmt: skip
    if weights:
        equal, _, population_weight = weights.partition(":")
        params.update(equal_weight=equal, population_weight=population_weight or "")
    return params


def _input_failed(error: InputError) -> typer.Exit:
    for e in error.errors:
        typer.echo(
            f"error: --{e.field.replace('_', '-')}: {e.message} (given: {e.value})", err=True
        )
    return typer.Exit(2)


@costs.command()
def rules(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """The 69 cost rules with their kinds and the document's text (checked against the vision)."""
    _, catalog = _catalog(ctx)
    rows = queries.all_rules(catalog)
    out = rows if fmt is Format.json else [flat_rule_row(r) for r in rows]
    typer.echo(render(out, fmt, "費用負担ルール"), nl=False)


def _print_allocation(result: Row, fmt: Format) -> None:
    if fmt is Format.json:
        typer.echo(to_json(result))
        return
    contributions: list[Row] = result["contributions"]  # type: ignore[assignment]
    if fmt is Format.csv:
        typer.echo(render(contributions, fmt), nl=False)
        return
    component: Row = result["component"]  # type: ignore[assignment]
    population: Row | None = result["population_set"]  # type: ignore[assignment]
    typer.echo(f"amount: {result['amount_yen']:,}円 ({result['fiscal_year_label'] or '—'})")
    typer.echo(f"component {component['number']}: {component['scope']} ({component['kind']})")
    if population:
        typer.echo(
            f"population set: {population['name']} (as of {population['as_of']}; "
            f"source: {population['source']})"
        )
    typer.echo(f"rounding: {result['rounding']}")
    rows = [{k: c[k] for k in ("code", "name", "yen", "explanation")} for c in contributions]
    typer.echo(render(rows, fmt), nl=False)
    typer.echo(f"total: {result['total_yen']:,}円  unassigned: {result['unassigned_yen']:,}円")
    for note in result["notes"]:  # type: ignore[attr-defined]
        typer.echo(f"note: {note}")


@costs.command()
def allocate(
    ctx: typer.Context,
    initiative: Initiative,
    amount: Amount = None,
    fy: Fy = None,
    population: PopulationOption = None,
    rounding: Annotated[RoundingChoice, typer.Option()] = RoundingChoice.largest_remainder,
    component: Component = None,
    weights: WeightsOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Each participant's contribution, with its explanation and the population set named."""
    runtime, catalog = _catalog(ctx)
    _known(catalog, initiative)
    params = _params(amount, fy, population, rounding.value, component, weights)
    try:
        page = queries.calculator(runtime.sessions, catalog, initiative, params)
    except InputError as error:
        raise _input_failed(error) from error
    _print_allocation(page["result"], fmt)  # type: ignore[arg-type]


@costs.command("what-if")
def what_if(
    ctx: typer.Context,
    initiative: Initiative,
    amount: Amount = None,
    fy: Fy = None,
    population: PopulationOption = None,
    with_population: Annotated[str | None, typer.Option(help="Another set")] = None,
    with_weights: Annotated[str | None, typer.Option(help="Other 均等割:人口割")] = None,
    with_members: Annotated[str | None, typer.Option(help="Members, comma-separated")] = None,
    rounding: Annotated[RoundingChoice, typer.Option()] = RoundingChoice.largest_remainder,
    component: Component = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Each municipality's change with another population set, other weights or members."""
    runtime, catalog = _catalog(ctx)
    _known(catalog, initiative)
    params = _params(amount, fy, population, rounding.value, component, with_weights)
    params["alt_population"] = with_population or ""
    members = [with_members] if with_members is not None else []
    try:
        result = queries.what_if_result(runtime.sessions, catalog, initiative, params, members)
    except InputError as error:
        raise _input_failed(error) from error
    if fmt is Format.json:
        typer.echo(to_json(result))
        return
    typer.echo(render(result["changes"], fmt, "what-if"), nl=False)  # type: ignore[arg-type]


@costs.command("settle")
def settle_usage(
    ctx: typer.Context,
    kind: Annotated[SettleKind, typer.Argument(help="sick-child, waste or support-school")],
    fy: Annotated[int, typer.Option("--fy", help="The fiscal year settled")],
    usage: Annotated[Path | None, typer.Option(help="CSV or .xlsx; default: stored")] = None,
    prices: Annotated[Path | None, typer.Option(help="A prices file (YAML)")] = None,
    basic_cost: Annotated[int | None, typer.Option(help="sick-child: 基本的費用, yen")] = None,
    addition: Annotated[list[str] | None, typer.Option(help="sick-child: MIN:YEN")] = None,
    yen_per_tonne: Annotated[str | None, typer.Option(help="waste: price per tonne")] = None,
    cost: Annotated[int | None, typer.Option(help="support-school: the year's cost")] = None,
    yen_rounding: Annotated[YenRounding, typer.Option(help="waste: down|half_up")] = (
        YenRounding.DOWN
    ),
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Write the statements")] = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Write the statements")] = None,
    save_records: Annotated[bool, typer.Option("--save", help="Store the usage")] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Statements per pair of municipalities from a usage file; nothing is saved on any error."""
    runtime, catalog = _catalog(ctx)
    try:
        settled = _settle(runtime, catalog, kind, fy, usage, prices, {
            "basic_cost": str(basic_cost or "") if basic_cost is not None else "",
            "additions": ",".join(addition or []), "yen_per_tonne": yen_per_tonne or "",
            "cost": str(cost) if cost is not None else "", "rounding": yen_rounding.value,
        })  # fmt: skip
    except SettleRefused as error:
        for issue in error.issues:
            typer.echo(f"error: {issue}", err=True)
        typer.echo("Nothing was saved.", err=True)
        raise typer.Exit(2) from error
    if save_records and usage is not None:
        save(runtime.sessions, settled, usage.name, _actor(), datetime.now(UTC))
    rows = list(settled.statements)
    out = rows if fmt is Format.json else statement_lines(rows)
    typer.echo(render(out, fmt, f"{settled.title} {fy}"), nl=False)
    if fmt is Format.table:
        typer.echo(f"total: {settled.total:,}円 ({len(rows)} statements)")
    if xlsx:
        xlsx.write_bytes(statements_xlsx(rows, settled.title, fy))
    if pdf:
        area = catalog.vision.area_name
        pdf.write_bytes(
            statements_pdf(statements_html(rows, settled.title, fy, date.today(), area))
        )


def _settle(
    runtime: Runtime, catalog: Catalog, kind: SettleKind, fy: int, usage: Path | None,
    prices: Path | None, values: dict[str, str],
) -> Settled:  # fmt: skip
    chosen: Prices = parse_prices(values)
    if prices is not None:
        chosen = Prices(text=_read(prices, "prices").decode("utf-8-sig"))
    if usage is not None:
        return settle(catalog, kind, fy, chosen, usage=_read(usage, "usage"))
    with runtime.sessions() as session:
        stored = store.usage_records(session, kind.value, fy)
    return settle(catalog, kind, fy, chosen, stored=stored)


def _read(path: Path, option: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise _fail(f"--{option}: {path}: {error.strerror}") from error


@costs.command("population-sets")
def population_sets(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """The population sets (the vision's base-data table is stored as the first on first use)."""
    runtime, _ = _catalog(ctx)
    with runtime.sessions() as session:
        rows = [population_row(s) for s in store.population_sets(session)]
    typer.echo(render(rows, fmt, "人口データ"), nl=False)


@costs.command("population-add")
def population_add(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or .xlsx with columns 市町村 and 人口")],
    name: Annotated[str, typer.Option(help="A new, unique name")],
    as_of: Annotated[str, typer.Option("--as-of", help="YYYY-MM-DD")],
    source: Annotated[str, typer.Option(help="Where the figures come from")],
) -> None:
    """Add a population set; every member needs one whole, non-negative figure."""
    runtime, catalog = _catalog(ctx)
    try:
        day = date.fromisoformat(as_of)
    except ValueError as error:
        raise _fail(f"--as-of: not a date (YYYY-MM-DD): {as_of}") from error
    names = queries.names_of(catalog)
    try:
        population = parse_population_file(
            _read(file, "file"), names, name=name, as_of=day, source=source
        )
        set_id = save_population(runtime.sessions, population, _actor(), datetime.now(UTC))
    except PopulationFileError as error:
        for problem in error.problems:
            typer.echo(f"error: {file.name}: {problem}", err=True)
        typer.echo("Nothing was saved.", err=True)
        raise typer.Exit(2) from error
    except store.StoreError as error:
        raise _fail(str(error)) from error
    typer.echo(f"stored population set {set_id}: {name} ({sum(population.populations.values()):,})")


def register(app: typer.Typer) -> None:
    app.add_typer(costs, name="costs")


def _actor() -> Actor:
    return Actor(None, f"cli:{getpass.getuser()}")
