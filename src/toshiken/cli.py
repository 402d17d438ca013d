"""The `toshiken` command: builds the runtime once and mounts each feature's commands."""

from __future__ import annotations

from typing import Annotated

import typer

from toshiken.core.runtime import Runtime
from toshiken.core.settings import Settings
from toshiken.features import feature_modules

app = typer.Typer(
    help="toshiken (都市圏): the platform of the Kumamoto metropolitan-area partnership.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _runtime(
    ctx: typer.Context,
    database_url: Annotated[
        str | None,
        typer.Option("--database-url", help="Overrides TOSHIKEN_DATABASE_URL", show_default=False),
    ] = None,
) -> None:
    settings = Settings() if database_url is None else Settings(database_url=database_url)
    ctx.obj = Runtime(settings)


@app.command()
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


def _mount() -> None:
    for module in feature_modules("commands"):
        module.register(app)


_mount()


def main() -> None:
    app()
