"""docs/registers.md names every registers command, option and route, so it cannot fall behind."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main
from fastapi.routing import APIRoute

from toshiken.registers import editing
from toshiken.registers.commands import registers
from toshiken.registers.routes import router

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "registers.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_documented() -> None:
    group = typer.main.get_group(registers)
    assert set(group.commands) == {"list", "export", "import", "seed"}
    for name, command in group.commands.items():
        assert f"toshiken registers {name}" in DOCS, name
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert option in DOCS, f"{name} {option}"


def test_every_route_is_documented() -> None:
    routes = [r for r in (*router.routes, *editing.router.routes) if isinstance(r, APIRoute)]
    assert len(routes) >= 18
    for route in routes:
        path = re.sub(r"\{entry_id:int\}", "{id}", route.path)
        for method in route.methods:
            assert f"{method} {path}" in DOCS, f"{method} {path}"
