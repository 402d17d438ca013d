"""The features toshiken is made of: the one list the web app, the CLI and migrations loop over."""

from __future__ import annotations

import importlib

FEATURES: tuple[str, ...] = (
    "vision",
    "accounts",
    "progress",
    "costs",
    "services",
    "hub",
    "opendata",
    "registers",
)
"""Each name is a folder under toshiken/ with optional orm.py, routes.py and commands.py."""


def import_models() -> None:
    """Import every feature's tables so they are registered on Base.metadata."""
    for name in FEATURES:
        try:
            importlib.import_module(f"toshiken.{name}.orm")
        except ModuleNotFoundError as exc:
            if exc.name != f"toshiken.{name}.orm":
                raise
