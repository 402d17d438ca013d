"""`toshiken hub sources | crawl | run | discover`: registry, one pass, collector, feed finder."""

from __future__ import annotations

import asyncio
import signal
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from toshiken.core.output import Format, render
from toshiken.core.runtime import Runtime
from toshiken.hub.canonical import host_of
from toshiken.hub.dates import JST
from toshiken.hub.discover import discover as discover_feeds
from toshiken.hub.fetch import Fetcher, FetchPolicy
from toshiken.hub.registry import CONFIG_FILE, config_at
from toshiken.hub.runner import Summary, flushed, open_crawler, renewed, run_loop, selected
from toshiken.hub.sources import HubConfig, HubConfigError, Source
from toshiken.hub.store import load_states

hub = typer.Typer(
    help="The area information hub: its sources, one crawl, the long-running collector.",
    no_args_is_help=True,
)
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help=f"Default: {CONFIG_FILE} in the data folder")
]
SourceOption = Annotated[
    list[str] | None, typer.Option("--source", help="Only this source id (repeatable)")
]
PrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private", help="Test mode: let fetches reach 127.0.0.1 (the local simulator)"
    ),
]
GapOption = Annotated[
    float,
    typer.Option("--gap", min=0.0, help="Seconds between two requests to one host (≥ 1)"),
]


def _now() -> datetime:
    return datetime.now(JST)


def _config(ctx: typer.Context, path: Path | None) -> HubConfig:
    runtime: Runtime = ctx.obj
    try:
        return config_at(path or runtime.settings.data_dir / CONFIG_FILE)
    except (OSError, HubConfigError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def _sources(config: HubConfig, ids: list[str] | None) -> list[Source]:
    if not ids:
        return list(config.all_sources)
    known = {s.id: s for s in config.all_sources}
    unknown = [i for i in ids if i not in known]
    if unknown:
        typer.echo(f"error: --source: unknown source id: {', '.join(unknown)}", err=True)
        raise typer.Exit(2)
    return [known[i] for i in dict.fromkeys(ids)]


def _policy(config: HubConfig, gap: float, allow_private: bool) -> FetchPolicy:
    if gap < 1.0 and not allow_private:
        typer.echo("error: --gap below 1 second is only for the local simulator", err=True)
        raise typer.Exit(2)
    return FetchPolicy(config.defaults.user_agent, min_gap=gap, allow_private=allow_private)


@hub.command("sources")
def sources(
    ctx: typer.Context,
    config: ConfigOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")] = (
        Format.table
    ),
) -> None:
    """The configured sources with their schedule and last results."""
    hub_config = _config(ctx, config)
    runtime: Runtime = ctx.obj
    states = load_states(runtime.sessions)
    names = hub_config.names()
    rows: list[dict[str, object]] = []
    for s in hub_config.all_sources:
        state = states.get(s.id)
        rows.append(
            {
                "id": s.id, "municipality": names.get(s.municipality, "気象庁"), "kind": s.kind,
                "tier": s.tier, "url": s.url,
                "next_due": state.next_due.astimezone(JST).isoformat(timespec="seconds")
                if state and state.next_due else "now",
                "failures": state.failures if state else 0,
                "items": state.items if state else 0,
            }
        )  # fmt: skip
    typer.echo(render(rows, fmt, "hub sources"), nl=False)


@hub.command("crawl")
def crawl(
    ctx: typer.Context,
    once: Annotated[
        bool, typer.Option("--once", help="One pass over every selected source, due or not")
    ] = False,
    source: SourceOption = None,
    config: ConfigOption = None,
    allow_private: PrivateOption = False,
    gap: GapOption = 1.0,
) -> None:
    """Fetch the sources that are due (all of them the first time) and store what they list."""
    hub_config = _config(ctx, config)
    chosen = _sources(hub_config, source)
    policy = _policy(hub_config, gap, allow_private)
    runtime: Runtime = ctx.obj
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())

    async def go() -> Summary:
        now = _now()
        with Progress(
            *columns,
            TimeElapsedColumn(),
            console=console,
            redirect_stdout=False,
            redirect_stderr=False,
        ) as progress:
            task = progress.add_task("crawling", total=None)
            async with open_crawler(
                runtime.sessions, hub_config, chosen, policy, now,
                lambda source_id: progress.advance(task),
            ) as crawler:  # fmt: skip
                todo = selected(crawler, now, once or bool(source))
                progress.update(task, total=len(todo))
                report = await crawler.sweep(todo, now)
                await flushed(crawler)
        return Summary.of(report)

    summary = asyncio.run(go())
    typer.echo(summary.line())
    for source_id, message in summary.errors[:30]:
        typer.echo(f"  {source_id}: {message}")


@hub.command("run")
def run(
    ctx: typer.Context,
    source: SourceOption = None,
    config: ConfigOption = None,
    allow_private: PrivateOption = False,
    gap: GapOption = 1.0,
    max_sleep: Annotated[
        float, typer.Option("--max-sleep", min=1.0, help="Longest pause between two sweeps (s)")
    ] = 60.0,
) -> None:
    """Collect continuously: fetch what is due, sleep until the next source is due.

    Ctrl-C (SIGINT) or SIGTERM stops it cleanly; the next start continues from the database."""
    hub_config = _config(ctx, config)
    chosen = _sources(hub_config, source)
    policy = _policy(hub_config, gap, allow_private)
    runtime: Runtime = ctx.obj

    def report(summary: Summary) -> None:
        typer.echo(f"{_now().isoformat(timespec='seconds')} {summary.line()}")

    async def go() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        async with open_crawler(runtime.sessions, hub_config, chosen, policy, _now()) as crawler:
            typer.echo(f"collecting from {len(chosen)} sources; SIGINT or SIGTERM stops")
            return await run_loop(
                crawler, stop, _now, lambda r: report(Summary.of(r)), max_sleep,
                lambda now: renewed(crawler, runtime.sessions, now),
            )  # fmt: skip

    sweeps = asyncio.run(go())
    typer.echo(f"stopped after {sweeps} sweeps")


@hub.command("discover")
def discover(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="A member's top page (https://www.city…/)")],
    config: ConfigOption = None,
    allow_private: PrivateOption = False,
    gap: GapOption = 1.0,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")] = (
        Format.table
    ),
) -> None:
    """The RSS/Atom feeds a page names (or that sit at the usual CMS paths), each checked."""
    hub_config = _config(ctx, config)
    if not url.startswith(("http://", "https://")):
        typer.echo(f"error: URL: not an http(s) address: {url}", err=True)
        raise typer.Exit(2)
    policy = _policy(hub_config, gap, allow_private)

    async def go() -> list[dict[str, object]]:
        async with Fetcher(policy, {host_of(url)}) as fetcher:
            found = await discover_feeds(fetcher, url)
        if found.error:
            typer.echo(f"error: {url}: {found.error}", err=True)
            raise typer.Exit(1)
        return [
            {"kind": f.kind, "url": f.url, "title": f.title, "found_by": f.how} for f in found.feeds
        ]

    rows = asyncio.run(go())
    typer.echo(render(rows, fmt, "hub discover"), nl=False)


def register(app: typer.Typer) -> None:
    app.add_typer(hub, name="hub")
