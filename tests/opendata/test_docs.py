"""docs/opendata.md names every setting, action, command and route this feature has."""

from __future__ import annotations

from pathlib import Path

from toshiken.opendata.actions import ACTIONS
from toshiken.opendata.commands import opendata
from toshiken.opendata.routes import router
from toshiken.opendata.settings import OpenDataSettings

DOC = (Path(__file__).resolve().parents[2] / "docs" / "opendata.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    for name in OpenDataSettings.model_fields:
        assert f"TOSHIKEN_OPENDATA_{name.upper()}" in DOC, name


def test_every_action_is_documented() -> None:
    for name in ACTIONS:
        assert f"`{name}`" in DOC, name


def test_every_command_is_documented() -> None:
    for command in opendata.registered_commands:
        assert f"toshiken opendata {command.name}" in DOC, command.name


def test_every_route_is_documented() -> None:
    for route in router.routes:
        path = getattr(route, "path", "").rstrip("/").replace("{name}", "").rstrip("/")
        assert path.split("{")[0] in DOC, path
