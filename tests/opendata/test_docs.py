"""docs/opendata.md names every setting, action, command and route this feature has."""

from __future__ import annotations

from pathlib import Path

from toshiken.core.settings import Settings
from toshiken.opendata.actions import ACTIONS
from toshiken.opendata.commands import opendata
from toshiken.opendata.routes import router

DOCS = Path(__file__).resolve().parents[2] / "docs"
DOC = (DOCS / "opendata.md").read_text(encoding="utf-8")
CONFIGURATION = (DOCS / "configuration.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    names = [name for name in Settings.model_fields if name.startswith("opendata_")]
    assert len(names) == 4
    for name in names:
        assert f"TOSHIKEN_{name.upper()}" in DOC, name
        assert f"TOSHIKEN_{name.upper()}" in CONFIGURATION, name


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
