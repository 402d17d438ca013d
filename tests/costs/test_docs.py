"""docs/costs.md names every costs command, option and route, so the docs cannot fall behind."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main
from fastapi.routing import APIRoute

from toshiken.costs import api
from toshiken.costs.commands import costs
from toshiken.costs.routes import router

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "costs.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_documented() -> None:
    group = typer.main.get_group(costs)
    for name, command in group.commands.items():
        assert f"toshiken costs {name}" in DOCS, name
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert option in DOCS, f"{name} {option}"


def test_every_route_is_documented() -> None:
    routes = [r for r in (*router.routes, *api.router.routes) if isinstance(r, APIRoute)]
    assert len(routes) >= 15
    for route in routes:
        path = re.sub(r"\{[a-z_]+\}", "{id}", route.path)
        for method in route.methods:
            assert f"{method} {path}" in DOCS, f"{method} {path}"
