"""The `toshiken` command: builds the runtime once and mounts each feature's commands."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from toshiken.core.runtime import Runtime
from toshiken.core.settings import Settings
from toshiken.features import FEATURES, feature_module, feature_modules

_app = typer.Typer(
    help="toshiken (都市圏): the platform of the Kumamoto metropolitan-area partnership.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@_app.callback()
def _runtime(
    ctx: typer.Context,
    database_url: Annotated[
        str | None,
        typer.Option("--database-url", help="Overrides TOSHIKEN_DATABASE_URL", show_default=False),
    ] = None,
) -> None:
    settings = Settings() if database_url is None else Settings(database_url=database_url)
    ctx.obj = Runtime(settings)


@_app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Default: TOSHIKEN_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="Default: TOSHIKEN_PORT")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes (use PostgreSQL for >1)")] = 1,
) -> None:
    """Serve the web app and JSON API (http://127.0.0.1:8000 by default)."""
    import os

    import uvicorn

    runtime: Runtime = ctx.obj
    runtime.ensure_schema()
    os.environ["TOSHIKEN_DATABASE_URL"] = runtime.settings.database_url
    uvicorn.run(
        "toshiken.web:create_app",
        factory=True,
        host=host or runtime.settings.host,
        port=port or runtime.settings.port,
        workers=workers,
    )


_mounted: list[object] = []  # the features' commands modules registered on _app


def _mount(first: str | None = None) -> None:
    """Register the features' commands: only `first`'s when it registers a group of its own
    name (`toshiken hub run` then imports no other feature: no openpyxl, Pillow or web app),
    else every feature's."""
    if first in FEATURES and (module := feature_module(first, "commands")) is not None:
        module.register(_app)
        _mounted.append(module)
        if first in {group.name for group in _app.registered_groups}:
            return
    for module in feature_modules("commands"):
        if module not in _mounted:
            module.register(_app)
            _mounted.append(module)


def _command_word(args: list[str]) -> str | None:
    """The command named on the command line (after the global options), if any."""
    rest = iter(args)
    for arg in rest:
        if arg == "--database-url":
            next(rest, None)
        elif not arg.startswith("-"):
            return arg
    return None


def __getattr__(name: str) -> typer.Typer:
    """`app`: the command with every feature's commands (for tests and imports)."""
    if name != "app":
        raise AttributeError(name)
    if not _mounted:
        _mount()
    return _app


def main() -> None:
    _mount(_command_word(sys.argv[1:]))
    _app()
